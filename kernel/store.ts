/** The main embedded database (cases, users, audit) as a component; modules contribute migrations. */
import path from 'node:path';
import type { Component } from './component.ts';
import { openDatabase, type Db, type Migration } from './db.ts';
import type { ComponentHealth } from './types/index.ts';
import { errorMessage } from './errors.ts';

export class MainStore implements Component {
  readonly name = 'store';
  private handle?: Db;

  constructor(
    private readonly file: string,
    private readonly migrations: readonly Migration[],
  ) {}

  static inDataDir(dataDir: string, migrations: readonly Migration[]): MainStore {
    return new MainStore(path.join(dataDir, 'gridwatch.db'), migrations);
  }

  /** The open database; only valid after start. */
  get db(): Db {
    if (!this.handle) throw new Error('store not started');
    return this.handle;
  }

  async start(): Promise<void> {
    this.handle = openDatabase(this.file, this.migrations);
  }

  async stop(): Promise<void> {
    if (this.handle?.open) {
      this.handle.pragma('wal_checkpoint(TRUNCATE)');
      this.handle.close();
    }
  }

  health(): ComponentHealth {
    if (!this.handle?.open) return { state: 'down', detail: 'database closed' };
    try {
      this.handle.prepare('SELECT 1').get();
      return { state: 'ok', detail: `sqlite ${this.file}` };
    } catch (err) {
      return { state: 'down', detail: errorMessage(err) };
    }
  }
}
