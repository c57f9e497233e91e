/**
 * Zones edited in the dashboard. Configured zones stay in the config file; a saved edit replaces one camera's zones
 * and is kept in the main database (`camera_zones`, zone-table.ts), so every node of a cluster sees it. The detector
 * applies the edits at start (`effectiveZones`) and live on the bus topic `zones.changed` (published by the editor's
 * process at once, and on video nodes by the zone feed, zone-feed.ts). A pilot's former DATA/zones.json is imported
 * once (zone-import.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EventBus } from '../../kernel/bus.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { DbSource } from '../../kernel/cluster/db-source.ts';
import { zoneSchema } from '../../kernel/config/cameras.ts';
import { formatIssues } from '../../kernel/config/load.ts';
import type { Config, ZoneConfig } from '../../kernel/config/schema.ts';
import { InputError, errorMessage } from '../../kernel/errors.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { msg } from '../../kernel/messages/text.ts';
import { ZoneTable, type ZoneOverrides } from './zone-table.ts';

export type { ZoneOverrides } from './zone-table.ts';

const overridesSchema = z.strictObject({
  version: z.literal(1),
  cameras: z.record(z.string(), z.array(zoneSchema)),
});

/** Where zone edits were kept before they moved into the database ({"version":1,"cameras":{"cam-1":[…]}}). */
export const zonesFile = (dataDir: string): string => path.join(dataDir, 'zones.json');

/** The edits of a former zones file, or none; a damaged file is an InputError naming the file and the fields. */
export function readZonesFile(file: string): ZoneOverrides {
  if (!existsSync(file)) return { version: 1, cameras: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file} is not valid JSON: ${errorMessage(err)}`);
  }
  const r = overridesSchema.safeParse(raw);
  if (!r.success) throw new InputError(`${file} is invalid:\n  ${formatIssues(r.error).join('\n  ')}`);
  return r.data;
}

/** The saved edits in the database; a damaged row is an InputError naming the camera and the field. */
export const readZoneOverrides = (db: DbSource): ZoneOverrides => new ZoneTable(db).overrides();

/** Configured zones with each edited camera's zones replaced by its saved list. */
export function effectiveZones(configured: readonly ZoneConfig[], overrides: ZoneOverrides): ZoneConfig[] {
  const edited = new Set(Object.keys(overrides.cameras));
  return [...configured.filter((z) => !edited.has(z.camera)), ...Object.values(overrides.cameras).flat()];
}

/** The zone editor's store: reads and saves in the database, tells this node's bus. */
export class ZoneStore {
  readonly table: ZoneTable;

  constructor(
    private readonly config: Config,
    db: DbSource,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {
    this.table = new ZoneTable(db);
  }

  list(camera?: string): ZoneConfig[] {
    const all = effectiveZones(this.config.zones, this.table.overrides());
    return camera ? all.filter((z) => z.camera === camera) : all;
  }

  /** Replace one camera's zones; ids must stay unique across cameras. */
  replace(cameraId: string, zones: readonly Omit<ZoneConfig, 'camera'>[], by: string): ZoneConfig[] {
    if (!this.config.cameras.some((c) => c.id === cameraId))
      throw new HttpError('not_found', { what: msg('detect.what.camera', { id: cameraId }) });
    const others = new Set(
      this.list()
        .filter((z) => z.camera !== cameraId)
        .map((z) => z.id),
    );
    const seen = new Set<string>();
    for (const zone of zones) {
      if (seen.has(zone.id) || others.has(zone.id))
        throw new HttpError('conflict', { detail: msg('detect.zoneIdUsed', { id: zone.id }) });
      seen.add(zone.id);
    }
    const full: ZoneConfig[] = zones.map((zone) => ({ ...zone, camera: cameraId }));
    const saved = this.table.save(cameraId, full, by, this.clock.now());
    this.bus.emit('zones.changed', { cameraId, zones: saved.zones, by });
    return saved.zones;
  }
}
