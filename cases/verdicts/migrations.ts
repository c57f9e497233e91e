/** Schema of the hit ledger, verdicts and false-alarm masks (part of `casesMigrations`). Forward-only. */
import type { Migration } from '../../kernel/db.ts';

export const verdictMigrations: readonly Migration[] = [
  {
    id: 'verdicts-001-init',
    sql: `
CREATE TABLE hits (
  id TEXT PRIMARY KEY,
  camera_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  start INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  end_ts INTEGER,
  mask_id TEXT,
  data TEXT NOT NULL
);
CREATE INDEX hits_place ON hits (camera_id, zone_id, rule, start);
CREATE INDEX hits_start ON hits (start);
CREATE TABLE hit_verdicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hit_id TEXT REFERENCES hits (id),
  case_id TEXT,
  verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'false')),
  reason TEXT,
  note TEXT,
  by_user TEXT NOT NULL,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  mask_id TEXT
);
CREATE INDEX hit_verdicts_hit ON hit_verdicts (hit_id, id);
CREATE INDEX hit_verdicts_case ON hit_verdicts (case_id, id);
CREATE TABLE suppression_masks (
  id TEXT PRIMARY KEY,
  camera_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  region TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  until INTEGER NOT NULL,
  by_user TEXT NOT NULL,
  reason TEXT,
  note TEXT,
  hit_id TEXT,
  lifted_at INTEGER,
  lifted_by TEXT
);
CREATE INDEX suppression_masks_camera ON suppression_masks (camera_id, until);
CREATE TABLE suppression_mask_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mask_id TEXT NOT NULL REFERENCES suppression_masks (id),
  ts INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'extended', 'lifted')),
  until INTEGER,
  reason TEXT
);
`,
  },
];
