/**
 * `camera-leases` component of a video node: which cameras this node analyses, decided through leases in the shared
 * database (kernel/cluster/leases.ts). Every leaseMs/3 it renews the cameras it holds, announces itself (lease
 * 'node:video:<id>'), and claims free or expired cameras (plan.ts: its fair share first, then up to maxCameras).
 * `onAcquire(camera, generation)` / `onLose(camera)` start and stop the camera (CameraManager, gate.ts).
 *
 * Never two nodes on one camera: a lease lost to another node stops the camera at once; when renewing fails (the
 * database is unreachable) the camera is stopped one round BEFORE the lease runs out locally — the lease counted from
 * before the last successful renew — so by the time another node can take it, this one has stopped.
 */
import type { LeaseStore, Lease } from '../../kernel/cluster/leases.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Component } from '../../kernel/component.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import { LogThrottle } from '../../kernel/log-throttle.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import { planRound } from './plan.ts';

export interface CameraLeaseKeeperOptions {
  readonly leases: LeaseStore;
  readonly nodeId: string;
  /** Every camera of the cluster (the config's enabled cameras). */
  readonly cameras: readonly string[];
  readonly maxCameras: number;
  readonly leaseMs: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Live video nodes known otherwise (cluster_nodes heartbeats); the presence and camera leases count anyway. */
  readonly peers?: (now: number) => readonly string[];
  readonly onAcquire?: (cameraId: string, generation: number) => void;
  /** `generation`: the lease this node held (a handover saves its last state under it when `released`). */
  readonly onLose?: (cameraId: string, why: LossReason, generation: number) => void;
}

interface Held {
  readonly generation: number;
  /** The lease counted from before the last renew that succeeded (never later than the database's). */
  localExpiry: number;
}

/** taken: another node holds it now; expired: renewing failed until the lease ran out; released: given up. */
export type LossReason = 'taken' | 'expired' | 'released';

export const cameraLease = (cameraId: string): string => `camera:${cameraId}`;
export const presenceLease = (nodeId: string): string => `node:video:${nodeId}`;

export class CameraLeaseKeeper implements Component {
  readonly name = 'camera-leases';
  private readonly held = new Map<string, Held>();
  private timer?: NodeJS.Timeout;
  private since: number;
  private liveKey = '';
  private shedding = false;
  private lastError?: string;
  private failures = 0;
  /** A database that is down fails every step of every round: at most 12 lines a minute of it. */
  private readonly dbLog: LogThrottle;

  constructor(private readonly opts: CameraLeaseKeeperOptions) {
    this.since = opts.clock.now();
    this.dbLog = new LogThrottle(opts.log, 12, () => opts.clock.now());
  }

  /** Renewed this often: a third of the lease. */
  get roundMs(): number {
    return Math.max(1, Math.floor(this.opts.leaseMs / 3));
  }

  async start(): Promise<void> {
    this.since = this.opts.clock.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), this.roundMs);
    this.timer.unref();
  }

  /** Stops every camera and gives its lease up, so another node can take it at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const cam of [...this.held.keys()]) {
      this.lose(cam, 'released');
      this.guard(() => this.opts.leases.release(cameraLease(cam), this.opts.nodeId));
    }
    this.guard(() => this.opts.leases.release(presenceLease(this.opts.nodeId), this.opts.nodeId));
  }

  health(): ComponentHealth {
    const stats = { held: this.held.size, cameras: this.opts.cameras.length, failures: this.failures };
    const detail = `${this.held.size} of ${this.opts.cameras.length} cameras leased`;
    if (this.lastError) return { state: 'degraded', detail: `${detail}; ${this.lastError}`, stats };
    return { state: 'ok', detail, stats };
  }

  /**
   * The generation of this node's lease of the camera (stamped on its hits); undefined when not held, or past the
   * lease as this node counts it (a stalled process does not stamp hits it may no longer make).
   */
  generationOf(cameraId: string): number | undefined {
    const h = this.held.get(cameraId);
    return h && this.opts.clock.now() < h.localExpiry ? h.generation : undefined;
  }

  /** The cameras this node analyses now. */
  heldCameras(): string[] {
    return [...this.held.keys()].sort();
  }

  /** One round: renew, announce, claim (the timer calls it every leaseMs/3; tests call it with a manual clock). */
  tick(): void {
    this.lastError = undefined;
    this.renewAll();
    const ok = this.guard(() =>
      this.opts.leases.tryAcquire(presenceLease(this.opts.nodeId), this.opts.nodeId, this.opts.leaseMs),
    );
    if (ok !== undefined) this.guard(() => this.claim());
  }

  private renewAll(): void {
    const { leases, nodeId, leaseMs, clock } = this.opts;
    for (const [cam, h] of [...this.held]) {
      const before = clock.now();
      const renewed = this.guard(() => leases.renew(cameraLease(cam), nodeId, h.generation, leaseMs));
      if (renewed === true) h.localExpiry = before + leaseMs;
      else if (renewed === false) this.lose(cam, 'taken');
      else if (clock.now() + this.roundMs >= h.localExpiry) this.lose(cam, 'expired');
    }
  }

  private claim(): void {
    const { leases, nodeId, clock, leaseMs, maxCameras } = this.opts;
    const now = clock.now();
    const all = leases.list('');
    const byCamera = new Map<string, Lease>();
    const live = new Set([nodeId, ...(this.opts.peers?.(now) ?? [])]);
    for (const l of all) {
      if (l.name.startsWith('camera:')) byCamera.set(l.name.slice('camera:'.length), l);
      if (l.expiresAt > now && (l.name.startsWith('node:video:') || l.name.startsWith('camera:'))) live.add(l.nodeId);
    }
    const key = [...live].sort().join(',');
    if (key !== this.liveKey) {
      this.liveKey = key;
      this.shedding = true;
    }
    const plan = planRound({
      nodeId,
      cameras: this.opts.cameras,
      leases: byCamera,
      held: new Set(this.held.keys()),
      live,
      maxCameras,
      leaseMs,
      since: this.since,
      shedding: this.shedding,
      now,
    });
    this.shedding = plan.shedding;
    if (plan.shed) {
      this.lose(plan.shed, 'released');
      leases.release(cameraLease(plan.shed), nodeId);
      this.opts.log.info({ camera: plan.shed, fair: plan.fair }, 'camera given up for a node with room');
    }
    const limit = Math.min(maxCameras, plan.fair);
    for (const cam of plan.claim) if (this.held.size < limit) this.acquire(cam);
    for (const cam of plan.claimLongFree) if (this.held.size < maxCameras && !this.held.has(cam)) this.acquire(cam);
  }

  private acquire(cam: string): void {
    const before = this.opts.clock.now();
    const got = this.opts.leases.tryAcquire(cameraLease(cam), this.opts.nodeId, this.opts.leaseMs);
    if (!got) return;
    this.held.set(cam, { generation: got.generation, localExpiry: before + this.opts.leaseMs });
    this.opts.log.info({ camera: cam, generation: got.generation }, 'camera lease acquired');
    try {
      this.opts.onAcquire?.(cam, got.generation);
    } catch (err) {
      this.opts.log.error({ camera: cam, err: errorMessage(err) }, 'camera could not be started on its lease');
    }
  }

  private lose(cam: string, why: LossReason): void {
    const h = this.held.get(cam);
    if (!h) return;
    this.held.delete(cam);
    this.opts.log[why === 'released' ? 'info' : 'warn']({ camera: cam, why }, 'camera lease ended; camera stopped');
    try {
      this.opts.onLose?.(cam, why, h.generation);
    } catch (err) {
      this.opts.log.error({ camera: cam, err: errorMessage(err) }, 'camera could not be stopped on losing its lease');
    }
  }

  /** Run a database step; a failure is logged (the database may be down) and leaves undefined. */
  private guard<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (err) {
      this.failures++;
      this.lastError = `database: ${errorMessage(err)}`;
      this.dbLog.warn({ err: errorMessage(err) }, 'camera leases: database step failed; retried next round');
      return undefined;
    }
  }
}
