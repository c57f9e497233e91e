/** The dashboard's tables in the main store: sessions, alerts and the audit log. */
import type { Migration } from '../kernel/db.ts';

export const dashboardMigrations: readonly Migration[] = [
  {
    id: 'dashboard-001-init',
    sql: `
      CREATE TABLE dashboard_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        role TEXT NOT NULL,
        unit TEXT,
        name TEXT,
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE INDEX dashboard_sessions_last_seen ON dashboard_sessions (last_seen);
      CREATE TABLE dashboard_alerts (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        acked_by TEXT,
        acked_at INTEGER
      );
      CREATE INDEX dashboard_alerts_ts ON dashboard_alerts (ts);
    `,
  },
  {
    // the user's stamp when the session was made: a later change of the user (password, role, unit, disabled,
    // removed) ends it; sessions from before this migration have none and end at their next use
    id: 'dashboard-002-session-user-stamp',
    sql: "ALTER TABLE dashboard_sessions ADD COLUMN user_stamp TEXT NOT NULL DEFAULT '';",
  },
  {
    // who did what, when, from where: logins (also failed ones), logouts, case actions, admin changes (admin/audit.ts)
    id: 'dashboard-003-audit-log',
    sql: `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT,
        role TEXT,
        ip TEXT,
        kind TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        status INTEGER
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_actor ON audit_log (actor, at);
      CREATE INDEX audit_log_target ON audit_log (target);
    `,
  },
];
