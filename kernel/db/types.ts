/**
 * The store contract every module writes against: a synchronous subset of better-sqlite3 with two backends,
 * embedded SQLite (sqlite.ts) and PostgreSQL (postgres.ts, one connection in a worker thread). SQL is portable
 * (see kernel/db/README.md); where the dialects differ, dialect.ts gives fragments by `db.dialect`.
 */

/** What a parameter may be; booleans are stored as 0/1, JSON as TEXT, timestamps as integer epoch ms. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export type Dialect = 'sqlite' | 'postgres';

export interface Statement<R = unknown> {
  /** Run a statement that returns no rows (INSERT … RETURNING: use get/all). */
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): R | undefined;
  all(...params: unknown[]): R[];
  /** PostgreSQL reads all rows first, then iterates. */
  iterate(...params: unknown[]): IterableIterator<R>;
  /** Return the first column only (typed unknown: callers cast). */
  pluck(on?: boolean): Statement<unknown>;
}

export interface Db {
  readonly dialect: Dialect;
  /** `?` positional parameters only. */
  prepare<R = unknown>(sql: string): Statement<R>;
  /** One or more statements without parameters (schema, migrations). */
  exec(sql: string): void;
  /** Wrap `fn` in a transaction: BEGIN … COMMIT, ROLLBACK when it throws; nested calls use a SAVEPOINT. */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
  /** True inside `transaction(fn)`. */
  readonly inTransaction: boolean;
  close(): void;
  readonly open: boolean;
  /** For logs and health: `sqlite FILE` or `postgres HOST/DB` (never a password). */
  readonly description: string;
}

export interface Migration {
  /** Unique, ordered id such as "cases-001-init". */
  readonly id: string;
  /** SQLite DDL; also used on PostgreSQL (after `pgDdl`, dialect.ts) when `pg` is absent. */
  readonly sql: string;
  /** PostgreSQL DDL, when the SQLite text cannot be translated by type names alone. */
  readonly pg?: string;
}

/** The database server could not be reached (at start, or it went away): the statement did not run. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'GW_DB_UNAVAILABLE';
}
