/** The in-app notice table: one row per user and notice, with when it was read. */
import type { Migration } from '../../kernel/db.ts';

export const noticeMigrations: Migration[] = [
  {
    id: 'inbox-001-notices',
    sql: `
CREATE TABLE user_notices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL,
  kind TEXT NOT NULL,
  case_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  read_at INTEGER
);
CREATE INDEX user_notices_user ON user_notices (username, id);
`,
  },
];
