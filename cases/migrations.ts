/** Schema of the case workflow in the main store. Forward-only; pass `casesMigrations` to MainStore. */
import { noticeMigrations } from './inbox/migrations.ts';
import type { Migration } from '../kernel/db.ts';
import { idempotencyMigration } from './idempotency.ts';
import { searchMigration } from './search-migration.ts';
import { verdictMigrations } from './verdicts/migrations.ts';

export const casesMigrations: readonly Migration[] = [
  {
    id: 'cases-001-init',
    sql: `
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  grid_cell TEXT,
  unit_id TEXT,
  contractor TEXT,
  camera_id TEXT,
  zone_id TEXT,
  lat REAL,
  lon REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deadline INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX cases_open ON cases (category, status);
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_unit ON cases (unit_id, status);
CREATE INDEX cases_grid ON cases (grid_cell);
CREATE INDEX cases_place ON cases (category, lat, lon);
CREATE INDEX cases_camera ON cases (camera_id, zone_id);
CREATE TABLE case_refs (
  ref TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  at INTEGER NOT NULL
);
CREATE INDEX case_refs_case ON case_refs (case_id);
CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases (id),
  ts INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  reason TEXT,
  data TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, seq);
CREATE TABLE case_ids (day TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE webhook_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  target TEXT NOT NULL,
  event_seq INTEGER NOT NULL REFERENCES case_events (seq),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  delivered_at INTEGER,
  failed_at INTEGER,
  last_error TEXT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (target, delivered_at, failed_at, id);
`,
  },
  {
    id: 'users-001-init',
    sql: `
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  unit TEXT,
  name TEXT,
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
`,
  },
  {
    id: 'cases-002-notices',
    sql: `
CREATE TABLE case_notices (
  case_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  deadline INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (case_id, kind, deadline)
);
`,
  },
  ...verdictMigrations,
  {
    // a user can be disabled; `stamp` changes at every change of the user (password, role, unit, enabled), so login
    // sessions made before it end (dashboard sessions remember the stamp they were made with)
    id: 'users-002-stamp',
    sql: `
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET stamp = lower(hex(randomblob(16)));
`,
    pg: `
ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET stamp = md5(random()::text || clock_timestamp()::text || username);
`,
  },
  idempotencyMigration,
  {
    // the grid cells an inspector (信息采集员) walks, a JSON array of cell codes; NULL for every other role
    id: 'users-003-cells',
    sql: 'ALTER TABLE users ADD COLUMN cells TEXT;',
  },
  ...noticeMigrations,
  searchMigration,
];
