/** Schema and row mapping of the embedded position store. */
import type { Migration } from '../../kernel/db.ts';
import type { Position } from '../../kernel/types/index.ts';

export const positionMigrations: readonly Migration[] = [
  {
    id: 'positions-001-init',
    sql: `CREATE TABLE positions (
      vehicle_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      lat REAL NOT NULL,
      lon REAL NOT NULL,
      speed_kmh REAL,
      heading REAL,
      accuracy_m REAL,
      work_active INTEGER,
      work_mode TEXT,
      received_at INTEGER NOT NULL,
      late INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (vehicle_id, ts)
    ) WITHOUT ROWID`,
  },
];

export interface PositionRow {
  readonly vehicle_id: string;
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speed_kmh: number | null;
  readonly heading: number | null;
  readonly accuracy_m: number | null;
  readonly work_active: number | null;
  readonly work_mode: string | null;
  readonly received_at: number;
  readonly late: number;
}

export const COLUMNS =
  'vehicle_id, ts, lat, lon, speed_kmh, heading, accuracy_m, work_active, work_mode, received_at, late';

/** Positional parameters in COLUMNS order. */
export function toParams(p: Position): (string | number | null)[] {
  return [
    p.vehicleId,
    p.ts,
    p.lat,
    p.lon,
    p.speedKmh ?? null,
    p.heading ?? null,
    p.accuracyM ?? null,
    p.work === undefined ? null : p.work.active ? 1 : 0,
    p.work?.mode ?? null,
    p.receivedAt,
    p.late ? 1 : 0,
  ];
}

export function fromRow(r: PositionRow): Position {
  return {
    vehicleId: r.vehicle_id,
    ts: r.ts,
    lat: r.lat,
    lon: r.lon,
    ...(r.speed_kmh !== null ? { speedKmh: r.speed_kmh } : {}),
    ...(r.heading !== null ? { heading: r.heading } : {}),
    ...(r.accuracy_m !== null ? { accuracyM: r.accuracy_m } : {}),
    ...(r.work_active !== null
      ? { work: { active: r.work_active === 1, ...(r.work_mode !== null ? { mode: r.work_mode } : {}) } }
      : {}),
    receivedAt: r.received_at,
    late: r.late === 1,
  };
}
