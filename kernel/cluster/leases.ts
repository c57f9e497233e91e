/**
 * Leases of named resources in the shared database ('camera:<id>', 'leader:core', 'node:video:<id>'), for nodes that
 * must never both hold the same thing. Each change is ONE statement (an upsert or update with its condition in the
 * WHERE), so the database decides atomically who holds a lease — on PostgreSQL and SQLite alike, from any number of
 * processes. The generation goes up by one each time the holder changes: it is the fencing token a holder stamps on
 * what it publishes, so work of an earlier holder can be told apart and dropped.
 *
 * Times are the nodes' clocks (epoch ms): keep them NTP-synchronised, well within a lease's length.
 */
import type { Clock } from '../clock.ts';
import { dbOf, type DbSource } from './db-source.ts';

export interface LeaseHold {
  readonly generation: number;
  readonly expiresAt: number;
}

export interface Lease extends LeaseHold {
  readonly name: string;
  readonly nodeId: string;
  readonly acquiredAt: number;
}

interface Row {
  name: string;
  node_id: string;
  generation: number | bigint;
  expires_at: number | bigint;
  acquired_at: number | bigint;
}

const toLease = (r: Row): Lease => ({
  name: r.name,
  nodeId: r.node_id,
  generation: Number(r.generation),
  expiresAt: Number(r.expires_at),
  acquiredAt: Number(r.acquired_at),
});

// Free or expired → ours with the next generation; already ours → renewed with the same generation. Anything else
// (another node's live lease) matches no row: nothing is written and nothing returned.
const ACQUIRE = `
INSERT INTO leases (name, node_id, generation, expires_at, acquired_at) VALUES (?, ?, 1, ?, ?)
ON CONFLICT (name) DO UPDATE SET
  generation = CASE WHEN leases.node_id = excluded.node_id THEN leases.generation ELSE leases.generation + 1 END,
  acquired_at = CASE WHEN leases.node_id = excluded.node_id THEN leases.acquired_at ELSE excluded.acquired_at END,
  node_id = excluded.node_id,
  expires_at = excluded.expires_at
WHERE leases.node_id = excluded.node_id OR leases.expires_at <= ?
RETURNING generation, expires_at`;

export class LeaseStore {
  constructor(
    private readonly source: DbSource,
    private readonly clock: Clock,
  ) {}

  private get db() {
    return dbOf(this.source);
  }

  /**
   * Take `name` for `nodeId` for `ttlMs` when it is free or expired, or renew it when it is already ours (the
   * generation goes up only when the holder changes). Undefined while another node holds it.
   */
  tryAcquire(name: string, nodeId: string, ttlMs: number): LeaseHold | undefined {
    const now = this.clock.now();
    const r = this.db.prepare(ACQUIRE).get(name, nodeId, now + ttlMs, now, now) as
      | { generation: number | bigint; expires_at: number | bigint }
      | undefined;
    return r && { generation: Number(r.generation), expiresAt: Number(r.expires_at) };
  }

  /**
   * Extend our lease of generation `generation` by `ttlMs` from now. False when another node took it since (the
   * generation moved on) or it is not ours: the caller must stop using the resource. A lease that ran out but that
   * nobody took is renewed: nobody else held it in between (the generation would have moved).
   */
  renew(name: string, nodeId: string, generation: number, ttlMs: number): boolean {
    const expires = this.clock.now() + ttlMs;
    const r = this.db
      .prepare('UPDATE leases SET expires_at = ? WHERE name = ? AND node_id = ? AND generation = ?')
      .run(expires, name, nodeId, generation);
    return r.changes === 1;
  }

  /** Give `name` up now if `nodeId` holds it (the row stays, expired, so the next holder's generation is higher). */
  release(name: string, nodeId: string): boolean {
    const now = this.clock.now();
    const r = this.db
      .prepare('UPDATE leases SET expires_at = ? WHERE name = ? AND node_id = ? AND expires_at > ?')
      .run(now, name, nodeId, now);
    return r.changes === 1;
  }

  /**
   * The latest holder of `name`, expired or not (compare `expiresAt` with now): work stamped with this node and
   * generation is the current holder's, even when it arrives after the lease ran out.
   */
  current(name: string): Lease | undefined {
    const r = this.db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as Row | undefined;
    return r && toLease(r);
  }

  /** Every lease whose name starts with `prefix` (expired ones too), by name. */
  list(prefix: string): Lease[] {
    const rows = this.db
      .prepare('SELECT * FROM leases WHERE substr(name, 1, ?) = ? ORDER BY name')
      .all(prefix.length, prefix) as Row[];
    return rows.map(toLease);
  }

  /** Is this lease in force at `now`? */
  static live(lease: Pick<Lease, 'expiresAt'> | undefined, now: number): boolean {
    return lease !== undefined && lease.expiresAt > now;
  }
}
