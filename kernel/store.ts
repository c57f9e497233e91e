/**
 * The main database (cases, users, audit …) as a component: embedded SQLite in the data directory, or PostgreSQL
 * when `database.url` is configured; modules contribute migrations.
 */
import path from 'node:path';
import type { Component } from './component.ts';
import { openMainDatabase, type Db, type Migration } from './db.ts';
import { PgDb } from './db/postgres.ts';
import { sqliteOf } from './db/sqlite.ts';
import type { ComponentHealth } from './types/index.ts';
import { errorMessage } from './errors.ts';
import type { Logger } from './log.ts';

export interface StoreLocation {
  /** SQLite file, used when `url` is absent. */
  readonly file: string;
  /** PostgreSQL connection URL (postgres://user:password@host:port/db). */
  readonly url?: string;
}

export class MainStore implements Component {
  readonly name = 'store';
  private handle?: Db;
  private readonly where: StoreLocation;

  constructor(
    where: string | StoreLocation,
    private readonly migrations: readonly Migration[],
    private readonly log?: Logger,
  ) {
    this.where = typeof where === 'string' ? { file: where } : where;
  }

  /** SQLite `DATA/gridwatch.db`, or PostgreSQL when `url` is given (its comings and goings logged to `log`). */
  static inDataDir(dataDir: string, migrations: readonly Migration[], url?: string, log?: Logger): MainStore {
    return new MainStore({ file: path.join(dataDir, 'gridwatch.db'), ...(url ? { url } : {}) }, migrations, log);
  }

  /** The open database; only valid after start. */
  get db(): Db {
    if (!this.handle) throw new Error('store not started');
    return this.handle;
  }

  async start(): Promise<void> {
    this.handle = openMainDatabase(this.where, this.migrations, {
      onAvailability: (up, detail) => {
        if (up) this.log?.info({ database: detail }, 'database connection restored');
        else this.log?.error({ err: detail }, 'database unavailable; reconnecting with backoff');
      },
    });
  }

  async stop(): Promise<void> {
    const db = this.handle;
    if (!db?.open) return;
    try {
      sqliteOf(db)?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }

  health(): ComponentHealth {
    const db = this.handle;
    if (!db?.open) return { state: 'down', detail: 'database closed' };
    try {
      if (db instanceof PgDb) {
        if (!db.ping()) return { state: 'down', detail: `${db.description} unavailable` };
      } else db.prepare('SELECT 1').get();
      return { state: 'ok', detail: db.description };
    } catch (err) {
      return { state: 'down', detail: errorMessage(err) };
    }
  }
}
