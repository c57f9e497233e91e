/**
 * Upgrading a pilot: zone edits used to be kept in DATA/zones.json. At start, an existing file is imported once into
 * an empty `camera_zones` table and renamed zones.json.imported (never deleted), so no edit is lost. A damaged file,
 * or one found when the table already has edits, is logged and left where it is.
 */
import { existsSync, renameSync } from 'node:fs';
import { dbOf, type DbSource } from '../../kernel/cluster/db-source.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import { readZonesFile, zonesFile } from './saved-zones.ts';
import { ZoneTable } from './zone-table.ts';

export type ZoneImport =
  | { readonly outcome: 'no-file' }
  | { readonly outcome: 'imported'; readonly cameras: readonly string[]; readonly renamedTo: string }
  | { readonly outcome: 'left'; readonly reason: string };

export function importZonesFile(source: DbSource, dataDir: string, log: Logger, now: number): ZoneImport {
  const file = zonesFile(dataDir);
  if (!existsSync(file)) return { outcome: 'no-file' };
  const db = dbOf(source);
  const table = new ZoneTable(db);
  const left = (reason: string): ZoneImport => {
    log.error({ file, reason }, 'zone edits file not imported; left in place');
    return { outcome: 'left', reason };
  };
  if (!table.isEmpty()) return left('the database already has saved zone edits');
  let saved: ReturnType<typeof readZonesFile>;
  try {
    saved = readZonesFile(file);
  } catch (err) {
    return left(errorMessage(err));
  }
  const cameras = Object.keys(saved.cameras);
  db.transaction(() => {
    for (const id of cameras) table.save(id, saved.cameras[id] ?? [], 'zones.json', now);
  })();
  const renamedTo = `${file}.imported`;
  renameSync(file, renamedTo);
  log.info({ file, renamedTo, cameras }, 'zone edits imported from zones.json into the database');
  return { outcome: 'imported', cameras, renamedTo };
}
