/** Forward-only migrations recorded in the database itself (`migrations` table), the same list on both backends. */
import { pgDdl } from './dialect.ts';
import type { Db, Migration } from './types.ts';

/** PostgreSQL advisory lock key held while migrating, so two processes starting at once migrate once. */
const MIGRATE_LOCK = 7_283_114_001;

/** The DDL of `m` for the backend of `db`. */
export function migrationSql(db: Db, m: Migration): string {
  if (db.dialect === 'sqlite') return m.sql;
  return m.pg ?? pgDdl(m.sql);
}

/** Apply the migrations not yet applied, each in its own transaction; returns the ids applied, in order. */
export function migrate(db: Db, migrations: readonly Migration[]): string[] {
  const pg = db.dialect === 'postgres';
  if (pg) db.prepare('SELECT pg_advisory_lock(?)').run(MIGRATE_LOCK);
  try {
    db.exec(
      `CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at ${pg ? 'BIGINT' : 'INTEGER'} NOT NULL)`,
    );
    const done = new Set(db.prepare('SELECT id FROM migrations').pluck().all() as string[]);
    const record = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      db.transaction(() => {
        db.exec(migrationSql(db, m));
        record.run(m.id, Date.now());
      })();
      done.add(m.id);
      applied.push(m.id);
    }
    return applied;
  } finally {
    if (pg && db.open) unlock(db);
  }
}

function unlock(db: Db): void {
  try {
    db.prepare('SELECT pg_advisory_unlock(?)').run(MIGRATE_LOCK);
  } catch {
    // the connection went away: the server released the lock with it
  }
}
