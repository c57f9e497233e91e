/**
 * The main database: the store contract (db/types.ts) on embedded SQLite (a file, as for a one-box pilot) or on
 * PostgreSQL (`database.url`); forward-only migrations recorded in the database itself. See db/README.md.
 */
import { migrate } from './db/migrate.ts';
import { PgDb, type PgOptions } from './db/postgres.ts';
import { openSqlite, SqliteDb, type SqliteDatabase } from './db/sqlite.ts';
import type { Db, Migration } from './db/types.ts';

export type { Db, Dialect, Migration, SqlValue, Statement } from './db/types.ts';
export { DatabaseUnavailableError } from './db/types.ts';
export { isUniqueViolation } from './db/dialect.ts';
export { migrate } from './db/migrate.ts';
export { sqliteOf, type SqliteDatabase } from './db/sqlite.ts';

/** Open (creating it and its folder if needed) an SQLite file, or `:memory:`, and apply `migrations`. */
export function openDatabase(file: string, migrations: readonly Migration[] = []): Db {
  return migrated(new SqliteDb(openSqlite(file), file), migrations);
}

/** An SQLite file as a raw better-sqlite3 handle, migrated: for stores that stay SQLite-only (positions). */
export function openRawSqlite(file: string, migrations: readonly Migration[] = []): SqliteDatabase {
  return (openDatabase(file, migrations) as SqliteDb).raw;
}

/** Connect to PostgreSQL (`postgres://…`) and apply `migrations`. */
export function openPostgres(url: string, migrations: readonly Migration[] = [], opts?: PgOptions): Db {
  return migrated(PgDb.connect(url, opts), migrations);
}

/** PostgreSQL when `url` is given, else the SQLite `file`. */
export function openMainDatabase(
  where: { url?: string; file: string },
  migrations: readonly Migration[],
  opts?: PgOptions,
): Db {
  return where.url ? openPostgres(where.url, migrations, opts) : openDatabase(where.file, migrations);
}

/** `db` with `migrations` applied; closed again when one fails. */
function migrated<D extends Db>(db: D, migrations: readonly Migration[]): D {
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
