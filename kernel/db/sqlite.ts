/** Embedded SQLite backend: better-sqlite3 (WAL, NORMAL sync, foreign keys), wrapped to the store contract. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db, Statement } from './types.ts';

export type SqliteDatabase = Database.Database;

/** A raw better-sqlite3 handle (WAL etc.), for stores that stay SQLite-only (the embedded position store). */
export function openSqlite(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

class SqliteStatement<R> implements Statement<R> {
  constructor(private readonly s: Database.Statement) {}

  run(...params: unknown[]): { changes: number } {
    return this.s.run(...params);
  }

  get(...params: unknown[]): R | undefined {
    return this.s.get(...params) as R | undefined;
  }

  all(...params: unknown[]): R[] {
    return this.s.all(...params) as R[];
  }

  iterate(...params: unknown[]): IterableIterator<R> {
    return this.s.iterate(...params) as IterableIterator<R>;
  }

  pluck(on = true): Statement<unknown> {
    this.s.pluck(on);
    return this as Statement<unknown>;
  }
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite';
  readonly description: string;

  constructor(
    /** The better-sqlite3 handle, for SQLite-only work (pragmas, checkpoints). */
    readonly raw: SqliteDatabase,
    file: string,
  ) {
    this.description = `sqlite ${file}`;
  }

  prepare<R = unknown>(sql: string): Statement<R> {
    return new SqliteStatement<R>(this.raw.prepare(sql));
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    const tx = this.raw.transaction(fn);
    return (...args: A) => tx(...args);
  }

  get inTransaction(): boolean {
    return this.raw.inTransaction;
  }

  get open(): boolean {
    return this.raw.open;
  }

  close(): void {
    if (this.raw.open) this.raw.close();
  }
}

/** The better-sqlite3 handle behind `db`, or undefined on another backend. */
export function sqliteOf(db: Db): SqliteDatabase | undefined {
  return db instanceof SqliteDb ? db.raw : undefined;
}
