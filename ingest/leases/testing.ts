/**
 * Test harness for the camera leases: video nodes as CameraLeaseKeepers on one shared database, stepped round by
 * round on a manual clock. A node's database can be made unreachable (its LeaseStore throws), a node can die (stops
 * ticking, releases nothing). After every node's tick the harness checks that no camera runs on two nodes.
 */
import { ManualClock } from '../../kernel/clock.ts';
import { LeaseStore } from '../../kernel/cluster/leases.ts';
import { clusterMigrations } from '../../kernel/cluster/migrations.ts';
import { openDatabase, type Db } from '../../kernel/db.ts';
import { silentLogger, type Logger } from '../../kernel/log.ts';
import { CameraLeaseKeeper } from './keeper.ts';

/** A LeaseStore whose database can be switched off. */
export class FlakyLeases extends LeaseStore {
  down = false;
  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
  override tryAcquire(...a: Parameters<LeaseStore['tryAcquire']>): ReturnType<LeaseStore['tryAcquire']> {
    this.check();
    return super.tryAcquire(...a);
  }
  override renew(...a: Parameters<LeaseStore['renew']>): boolean {
    this.check();
    return super.renew(...a);
  }
  override release(...a: Parameters<LeaseStore['release']>): boolean {
    this.check();
    return super.release(...a);
  }
  override list(prefix: string): ReturnType<LeaseStore['list']> {
    this.check();
    return super.list(prefix);
  }
}

export interface TestNode {
  readonly id: string;
  readonly keeper: CameraLeaseKeeper;
  readonly leases: FlakyLeases;
  /** Cameras running on this node, as the callbacks left them. */
  readonly running: Set<string>;
  /** Every acquire: [camera, generation, time]. */
  readonly acquired: [string, number, number][];
  alive: boolean;
}

export class LeaseCluster {
  readonly clock = new ManualClock(Date.parse('2026-12-06T02:00:00Z'));
  readonly nodes = new Map<string, TestNode>();
  /** Broken invariants seen (a camera on two nodes at once). */
  readonly overlaps: string[] = [];

  constructor(
    readonly cameras: readonly string[],
    readonly leaseMs = 15_000,
    /** The shared database (migrated with clusterMigrations); SQLite in memory by default. */
    readonly db: Db = openDatabase(':memory:', clusterMigrations),
  ) {}

  add(id: string, maxCameras: number, log: Logger = silentLogger()): TestNode {
    const leases = new FlakyLeases(this.db, this.clock);
    const running = new Set<string>();
    const acquired: [string, number, number][] = [];
    const keeper = new CameraLeaseKeeper({
      leases,
      nodeId: id,
      cameras: this.cameras,
      maxCameras,
      leaseMs: this.leaseMs,
      clock: this.clock,
      log,
      onAcquire: (cam, generation) => {
        running.add(cam);
        acquired.push([cam, generation, this.clock.now()]);
        this.check();
      },
      onLose: (cam) => void running.delete(cam),
    });
    const node: TestNode = { id, keeper, leases, running, acquired, alive: true };
    this.nodes.set(id, node);
    return node;
  }

  node(id: string): TestNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /** Advance by `ms` (default one round, leaseMs/3) and let every live node tick. */
  round(ms = Math.floor(this.leaseMs / 3)): void {
    this.clock.advance(ms);
    for (const n of this.nodes.values()) {
      if (!n.alive) continue;
      n.keeper.tick();
      this.check();
    }
  }

  rounds(n: number, ms?: number): void {
    for (let i = 0; i < n; i++) this.round(ms);
  }

  /** Cameras running per node id. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.nodes.values()].map((n) => [n.id, n.running.size]));
  }

  private check(): void {
    const seen = new Map<string, string>();
    for (const n of this.nodes.values()) {
      if (!n.alive) continue;
      for (const cam of n.running) {
        const other = seen.get(cam);
        if (other) this.overlaps.push(`${cam} on ${other} and ${n.id} at ${this.clock.now()}`);
        seen.set(cam, n.id);
      }
    }
  }
}
