/**
 * Zones edited in the dashboard, kept in the main database (table `camera_zones`, one row per edited camera: its
 * complete zone list as JSON, a version that grows by one per save, when and by whom), so every node of a cluster
 * reads the same edits: the core's zone editor writes them, video nodes follow them (zone-feed.ts).
 */
import { z } from 'zod';
import { zoneSchema } from '../../kernel/config/cameras.ts';
import { formatIssues } from '../../kernel/config/load.ts';
import type { ZoneConfig } from '../../kernel/config/schema.ts';
import { dbOf, type DbSource } from '../../kernel/cluster/db-source.ts';
import type { Migration } from '../../kernel/db.ts';
import { InputError, errorMessage } from '../../kernel/errors.ts';

export const zoneMigrations: readonly Migration[] = [
  {
    id: 'zones-001-camera-zones',
    sql: `
CREATE TABLE camera_zones (
  camera_id TEXT PRIMARY KEY,
  zones TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);`,
  },
];

/** The saved edits: each edited camera's complete zone list (the shape DATA/zones.json had). */
export interface ZoneOverrides {
  readonly version: 1;
  readonly cameras: Readonly<Record<string, ZoneConfig[]>>;
}

export interface SavedCameraZones {
  readonly cameraId: string;
  readonly zones: ZoneConfig[];
  readonly version: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

interface Row {
  camera_id: string;
  zones: string;
  version: number;
  updated_at: number;
  updated_by: string;
}

const zoneList = z.array(zoneSchema);

/** A stored row checked as strictly as the config: a damaged one is an InputError naming the camera and field. */
function parseRow(row: Row): SavedCameraZones {
  const what = `camera_zones row of camera ${row.camera_id}`;
  let raw: unknown;
  try {
    raw = JSON.parse(row.zones);
  } catch (err) {
    throw new InputError(`${what} is not valid JSON: ${errorMessage(err)}`);
  }
  const r = zoneList.safeParse(raw);
  if (!r.success) throw new InputError(`${what} is invalid:\n  ${formatIssues(r.error).join('\n  ')}`);
  const zones = r.data.map((zone) => ({ ...zone, camera: row.camera_id }));
  return { cameraId: row.camera_id, zones, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

const COLUMNS = 'camera_id, zones, version, updated_at, updated_by';

export class ZoneTable {
  constructor(readonly db: DbSource) {}

  /** Every edited camera, in camera order. */
  all(): SavedCameraZones[] {
    return dbOf(this.db).prepare<Row>(`SELECT ${COLUMNS} FROM camera_zones ORDER BY camera_id`).all().map(parseRow);
  }

  get(cameraId: string): SavedCameraZones | undefined {
    const row = dbOf(this.db).prepare<Row>(`SELECT ${COLUMNS} FROM camera_zones WHERE camera_id = ?`).get(cameraId);
    return row && parseRow(row);
  }

  /** Each edited camera's version: what a follower polls (a few rows, no zone JSON). */
  versions(): Map<string, number> {
    const rows = dbOf(this.db)
      .prepare<{ camera_id: string; version: number }>('SELECT camera_id, version FROM camera_zones')
      .all();
    return new Map(rows.map((r) => [r.camera_id, Number(r.version)]));
  }

  isEmpty(): boolean {
    return dbOf(this.db).prepare('SELECT camera_id FROM camera_zones LIMIT 1').get() === undefined;
  }

  /** The saved edits as one object (what `effectiveZones` applies to the configured zones). */
  overrides(): ZoneOverrides {
    return { version: 1, cameras: Object.fromEntries(this.all().map((c) => [c.cameraId, c.zones])) };
  }

  /** Replace one camera's zones; its version grows by one (1 for a camera edited the first time). */
  save(cameraId: string, zones: readonly ZoneConfig[], by: string, now: number): SavedCameraZones {
    const full = zones.map((zone) => ({ ...zone, camera: cameraId }));
    const json = JSON.stringify(full);
    const saved = dbOf(this.db)
      .prepare<{ version: number }>(
        `INSERT INTO camera_zones (${COLUMNS}) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (camera_id) DO UPDATE SET zones = excluded.zones, version = camera_zones.version + 1,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by
         RETURNING version`,
      )
      .get(cameraId, json, now, by);
    return { cameraId, zones: full, version: Number(saved?.version), updatedAt: now, updatedBy: by };
  }
}
