/**
 * Embedded position store: better-sqlite3, WAL, one WITHOUT ROWID table keyed (vehicle_id, ts).
 * Writes are group-committed: everything queued in one turn of the event loop goes in one transaction
 * (at most batchSize rows each), so under load transactions are large and at low rates latency is one tick.
 * Duplicates (same vehicle + ts) are ignored: the first fix stored wins. Retention deletes per vehicle by key range.
 */
import type { Statement } from 'better-sqlite3';
import { openRawSqlite, type SqliteDatabase } from '../../kernel/db.ts';
import type { Position } from '../../kernel/types/index.ts';
import { COLUMNS, fromRow, positionMigrations, toParams, type PositionRow } from './sqlite-schema.ts';
import { DEFAULT_TRACK_LIMIT, type PositionStore, type StoreStats } from './types.ts';
import { errorMessage } from '../../kernel/errors.ts';

export interface SqliteStoreOptions {
  readonly file: string;
  readonly batchSize: number;
  readonly retentionDays: number;
  readonly now?: () => number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

const RETENTION_EVERY_MS = 3_600_000;

export class SqliteStore implements PositionStore {
  readonly kind = 'embedded';
  private db?: SqliteDatabase;
  private insert?: Statement;
  private pending: Position[] = [];
  private waiters: Waiter[] = [];
  private scheduled?: NodeJS.Immediate;
  private retentionTimer?: NodeJS.Timeout;
  private counts = { written: 0, duplicates: 0, errors: 0, dropped: 0 };
  private lastError?: string;

  constructor(private readonly opts: SqliteStoreOptions) {}

  async open(): Promise<void> {
    const db = openRawSqlite(this.opts.file, positionMigrations);
    this.db = db;
    this.insert = db.prepare(`INSERT OR IGNORE INTO positions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.applyRetention();
    this.retentionTimer = setInterval(() => this.applyRetention(), RETENTION_EVERY_MS);
    this.retentionTimer.unref();
  }

  write(batch: readonly Position[]): Promise<void> {
    if (!this.db?.open) return Promise.reject(new Error('position store is closed'));
    let failed: Error | undefined;
    for (const p of batch) {
      this.pending.push(p);
      if (this.pending.length >= this.opts.batchSize) failed = this.commit() ?? failed;
    }
    if (failed) return Promise.reject(failed);
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.scheduled ??= setImmediate(() => this.commit());
    });
  }

  /** Commit everything queued in one transaction; settle every waiter. Returns the error, if any. */
  private commit(): Error | undefined {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const rows = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    if (rows.length === 0 && waiters.length === 0) return undefined;
    try {
      const inserted = this.runInsert(rows);
      this.counts.written += inserted;
      this.counts.duplicates += rows.length - inserted;
      for (const w of waiters) w.resolve();
      return undefined;
    } catch (err) {
      this.counts.errors++;
      this.lastError = errorMessage(err);
      for (const w of waiters) w.reject(err as Error);
      return err as Error;
    }
  }

  private runInsert(rows: readonly Position[]): number {
    const db = this.db;
    const insert = this.insert;
    if (!db?.open || !insert) throw new Error('position store is closed');
    return db.transaction(() => {
      let n = 0;
      for (const p of rows) n += insert.run(toParams(p)).changes;
      return n;
    })();
  }

  async track(vehicleId: string, from: number, to: number, limit = DEFAULT_TRACK_LIMIT): Promise<Position[]> {
    this.commit();
    const rows = this.handle()
      .prepare(`SELECT ${COLUMNS} FROM positions WHERE vehicle_id = ? AND ts BETWEEN ? AND ? ORDER BY ts LIMIT ?`)
      .all(vehicleId, from, to, limit) as PositionRow[];
    return rows.map(fromRow);
  }

  async lastPositions(): Promise<Position[]> {
    this.commit();
    const last = this.handle().prepare(
      `SELECT ${COLUMNS} FROM positions WHERE vehicle_id = ? ORDER BY ts DESC LIMIT 1`,
    );
    return this.vehicleIds().map((id) => fromRow(last.get(id) as PositionRow));
  }

  /** Distinct vehicle ids by skip-scan over the primary key (one index seek per vehicle). */
  private vehicleIds(): string[] {
    const next = this.handle().prepare('SELECT min(vehicle_id) AS id FROM positions WHERE vehicle_id > ?').pluck();
    const ids: string[] = [];
    for (let id = next.get('') as string | null; id !== null; id = next.get(id) as string | null) ids.push(id);
    return ids;
  }

  /** Delete fixes older than the retention period; returns how many. */
  applyRetention(): number {
    if (!this.db?.open) return 0;
    const cutoff = (this.opts.now ?? Date.now)() - this.opts.retentionDays * 86_400_000;
    const del = this.handle().prepare('DELETE FROM positions WHERE vehicle_id = ? AND ts < ?');
    let n = 0;
    for (const id of this.vehicleIds()) n += del.run(id, cutoff).changes;
    return n;
  }

  async flush(): Promise<void> {
    this.commit();
  }

  async close(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (!this.db?.open) return;
    this.commit();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  stats(): StoreStats {
    return {
      kind: 'embedded',
      ...this.counts,
      buffered: this.pending.length,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private handle(): SqliteDatabase {
    if (!this.db?.open) throw new Error('position store is closed');
    return this.db;
  }
}
