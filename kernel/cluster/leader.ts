/**
 * Which core runs the singleton jobs (webhook/outbox delivery, deadline reminders): the leader.
 * - PostgreSQL: `pg_try_advisory_lock` on this process's own connection. PostgreSQL itself releases it when the
 *   process stops or dies (its connection closes), so a crashed leader never blocks the others; each round checks in
 *   `pg_locks` that this session still holds it (a reconnected session would not).
 * - SQLite (several processes on one file): the lease row 'leader:core' (leases.ts), renewed every leaseMs/3.
 * A process that cannot reach the database stops being leader at once (PostgreSQL) or before its lease runs out
 * (SQLite). Role `all` uses `alwaysLeader`.
 */
import type { Clock } from '../clock.ts';
import type { Component } from '../component.ts';
import type { Db } from '../db.ts';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { ComponentHealth } from '../types/index.ts';
import { dbOf, type DbSource } from './db-source.ts';
import { LeaseStore } from './leases.ts';

export interface Leadership {
  isLeader(): boolean;
}

/** One process alone (role `all`): always the leader. */
export const alwaysLeader: Leadership = { isLeader: () => true };

export interface LeaderElectionOptions {
  readonly db: DbSource;
  readonly nodeId: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Lease length on SQLite, and how often (a third of it) leadership is re-checked (default 15 s). */
  readonly leaseMs?: number;
  /** What is led (default 'leader:core'). */
  readonly name?: string;
  readonly onChange?: (leader: boolean) => void;
}

const isPostgres = (db: Db): boolean => db.dialect === 'postgres';

/** The two int4 keys of the advisory lock for `name`: 'grid' and a hash of the name, both ≥ 0 (pg_locks shows oids). */
export function advisoryKeys(name: string): readonly [number, number] {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return [0x67726964, h >>> 1];
}

export class LeaderElection implements Component, Leadership {
  readonly name = 'leader';
  private leader = false;
  private localExpiry = 0;
  private timer?: NodeJS.Timeout;
  private lastError?: string;
  private readonly leases: LeaseStore;
  private readonly lease: string;
  private readonly leaseMs: number;
  private pg?: boolean;

  constructor(private readonly opts: LeaderElectionOptions) {
    this.leases = new LeaseStore(opts.db, opts.clock);
    this.lease = opts.name ?? 'leader:core';
    this.leaseMs = opts.leaseMs ?? 15_000;
  }

  private get postgres(): boolean {
    this.pg ??= isPostgres(dbOf(this.opts.db));
    return this.pg;
  }

  async start(): Promise<void> {
    this.tick();
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (!this.leader) return;
    try {
      if (this.postgres)
        dbOf(this.opts.db)
          .prepare('SELECT pg_advisory_unlock(?, ?)')
          .get(...advisoryKeys(this.lease));
      else this.leases.release(this.lease, this.opts.nodeId);
    } catch (err) {
      this.opts.log.warn({ err: errorMessage(err) }, 'leadership not released (it ends with the connection or lease)');
    }
    this.set(false);
  }

  isLeader(): boolean {
    return this.leader && (this.postgres || this.opts.clock.now() < this.localExpiry);
  }

  health(): ComponentHealth {
    const detail = `${this.opts.nodeId} ${this.isLeader() ? 'leads' : 'does not lead'} ${this.lease}`;
    const stats = { leader: this.isLeader() ? 1 : 0 };
    return this.lastError
      ? { state: 'degraded', detail: `${detail}; ${this.lastError}`, stats }
      : { state: 'ok', detail, stats };
  }

  /** One round (the timer calls it every leaseMs/3). */
  tick(): void {
    try {
      this.set(this.postgres ? this.pgRound() : this.leaseRound());
      this.lastError = undefined;
    } catch (err) {
      this.lastError = `database: ${errorMessage(err)}`;
      this.opts.log.warn({ err: errorMessage(err) }, 'leader election: database step failed');
      // PostgreSQL: the lock may be gone with the connection; a lease is ours until it runs out locally
      if (this.postgres || this.opts.clock.now() >= this.localExpiry) this.set(false);
    }
  }

  private pgRound(): boolean {
    const [k1, k2] = advisoryKeys(this.lease);
    const db = dbOf(this.opts.db);
    if (this.leader) {
      const n = db
        .prepare(
          `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ?
           AND objsubid = 2 AND pid = pg_backend_pid() AND granted`,
        )
        .get(k1, k2) as { n: number | string | bigint };
      if (Number(n.n) > 0) return true;
    }
    // PostgreSQL booleans come back as 1/0 through the store contract (true/false from a bare driver)
    const r = db.prepare('SELECT pg_try_advisory_lock(?, ?) AS ok').get(k1, k2) as { ok: boolean | number };
    return r.ok === true || r.ok === 1;
  }

  private leaseRound(): boolean {
    const before = this.opts.clock.now();
    const got = this.leases.tryAcquire(this.lease, this.opts.nodeId, this.leaseMs);
    if (got) this.localExpiry = before + this.leaseMs;
    return got !== undefined;
  }

  private set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.opts.log.info({ node: this.opts.nodeId, lease: this.lease }, leader ? 'became leader' : 'no longer leader');
    this.opts.onChange?.(leader);
  }
}
