/**
 * The core's side of the bridge: a persistent MQTT 5 session (clean start off, fixed client id, QoS 1) on the
 * cluster topics. Each hit / violation is checked (envelope, fencing: a hit from a node that does not hold the
 * camera's lease at that generation is dropped and counted), recorded in `cluster_processed` and put on the
 * in-process bus for the cases module, all in one database transaction, before its PUBACK: a core killed at any
 * point gets the message again and makes no second change. Heartbeats of the nodes (retained) are kept for
 * /api/cluster.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { EventBus } from '../kernel/bus.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Component } from '../kernel/component.ts';
import type { Db } from '../kernel/db.ts';
import { errorMessage } from '../kernel/errors.ts';
import { type Logger, redactUrl } from '../kernel/log.ts';
import { LogThrottle } from '../kernel/log-throttle.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import { type BrokerOptions, disconnect, mqttOptions } from './broker.ts';
import {
  type ClusterTopics,
  decodeFinding,
  type Heartbeat,
  heartbeatMessage,
  type HitMessage,
  type ViolationMessage,
} from './messages.ts';
import { LagWindow } from './lag.ts';
import type { DropReason } from './view-types.ts';

/** Who holds a lease now and since when (kernel/cluster/leases.ts LeaseStore). */
export interface LeaseView {
  current(
    name: string,
  ): { readonly nodeId: string; readonly generation: number; readonly acquiredAt?: number } | undefined;
}

export interface ConsumerOptions extends BrokerOptions {
  readonly topics: ClusterTopics;
  readonly db: () => Db;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly clock: Clock;
  /** The camera leases; without them (no lease store wired) hits are not fenced. */
  readonly leases?: () => LeaseView | undefined;
  /** Longest wait between two attempts at a message that failed (default 30 s). */
  readonly retryMaxMs?: number;
  /** Processed-message rows older than this are purged (default 7 days). */
  readonly keepMs?: number;
}

export type { DropReason };

export class ClusterConsumer implements Component {
  readonly name = 'cluster';
  readonly nodes = new Map<string, Heartbeat>();
  readonly counts = { received: 0, processed: 0, duplicates: 0, hits: 0, violations: 0, failed: 0, late: 0 };
  readonly dropped: Record<DropReason, number> = { invalid: 0, staleGeneration: 0, notHolder: 0 };
  /** Dropped findings per node. */
  readonly droppedByNode = new Map<string, number>();
  readonly lag = new LagWindow(2000);
  private client?: MqttClient;
  private subscribed = false;
  private purgeTimer?: NodeJS.Timeout;
  private readonly refusals: LogThrottle;
  private stopped = false;
  private wake?: () => void;
  private lastError?: string;

  constructor(private readonly opts: ConsumerOptions) {
    this.refusals = new LogThrottle(opts.log, 20);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async start(): Promise<void> {
    const { opts } = this;
    const client = mqtt.connect(opts.url, mqttOptions(opts));
    this.client = client;
    // handled before the PUBACK goes out (mqtt.js acknowledges once this callback runs)
    // no PUBACK before the message is processed: while the database is away the broker keeps it (and the rest)
    client.handleMessage = (packet, callback) => {
      void this.deliver(packet.topic, packet.payload as Buffer).then(() => callback());
    };
    client.on('connect', (connack) => {
      opts.log.info({ url: redactUrl(opts.url), sessionPresent: connack.sessionPresent }, 'cluster bridge connected');
      client.subscribe(opts.topics.coreFilters, { qos: 1 }, (err) => {
        if (err) opts.log.error({ err: err.message }, 'cluster bridge subscribe failed');
        else this.subscribed = true;
      });
    });
    client.on('error', (err) => opts.log.warn({ err: err.message }, 'cluster bridge error'));
    this.purgeTimer = setInterval(() => this.purge(), 3_600_000);
    this.purgeTimer.unref();
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 5000);
      client.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    if (this.client) await disconnect(this.client);
  }

  /** The cluster in /api/health: the bridge, and each node's role and heartbeat age (s; -1 when it said goodbye). */
  health(): ComponentHealth {
    const dropped = Object.values(this.dropped).reduce((a, b) => a + b, 0);
    const now = Date.now();
    const nodes = Object.fromEntries(
      [...this.nodes.values()].map((n) => [
        `node.${n.nodeId}`,
        `${n.role} ${n.online ? Math.round((now - n.at) / 1000) : -1}`,
      ]),
    );
    const online = [...this.nodes.values()].filter((n) => n.online && now - n.at < 15_000).length;
    return {
      state: this.connected && !this.lastError ? 'ok' : 'degraded',
      detail:
        `${this.connected ? 'connected' : 'broker unreachable'}; ${online} of ${this.nodes.size} nodes online, ` +
        `${dropped} findings dropped${this.lastError ? `; waiting: ${this.lastError}` : ''}`,
      stats: { ...this.counts, dropped, subscribed: this.subscribed, lagP99Ms: this.lag.quantile(0.99), ...nodes },
    };
  }

  /**
   * Process one message, retrying with doubling waits (0.5 s … 30 s) while it fails (the database is away); resolves
   * once it is processed, or when the consumer stops (then unacknowledged: the broker sends it again).
   */
  async deliver(topic: string, payload: Buffer): Promise<void> {
    let wait = 500;
    for (;;) {
      try {
        this.handle(topic, payload);
        this.lastError = undefined;
        return;
      } catch (err) {
        this.counts.failed++;
        if (this.lastError !== errorMessage(err))
          this.opts.log.error({ err: errorMessage(err), topic }, 'cluster message not processed; retrying');
        this.lastError = errorMessage(err);
      }
      if (this.stopped) return new Promise(() => {}); // never acknowledged by this client
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wait = Math.min(wait * 2, this.opts.retryMaxMs ?? 30_000);
    }
  }

  /** One message from the broker (public for tests); throws when it could not be processed (nothing was changed). */
  handle(topic: string, payload: Buffer): void {
    const kind = this.opts.topics.kindOf(topic);
    if (kind === 'node') {
      this.heartbeat(payload);
      return;
    }
    if (!kind) return;
    this.counts.received++;
    const d = decodeFinding(payload);
    if (!d.ok) {
      this.drop('invalid', undefined, { topic, error: d.error });
      return;
    }
    const m = d.message;
    if (m.kind === 'hit' && !this.fenced(m)) return;
    this.process(m);
  }

  /** Does the node hold the camera's lease at this generation? Dropped, counted and logged when not. */
  private fenced(m: HitMessage): boolean {
    const lease = this.opts.leases?.();
    if (!lease) return true;
    const camera = m.event.hit.cameraId;
    const hit = m.event.hit.id;
    const cur = lease.current(`camera:${camera}`);
    if (cur && (cur.nodeId !== m.nodeId || cur.generation !== m.generation) && this.madeBefore(m, cur)) {
      this.counts.late++;
      this.opts.log.info(
        { camera, hit, node: m.nodeId, generation: m.generation, current: cur.generation },
        'hit made under an earlier lease of its camera, sent late (a node outbox after a restart): accepted',
      );
      return true;
    }
    if (!cur || cur.nodeId !== m.nodeId) {
      this.drop('notHolder', m.nodeId, { camera, hit });
      return false;
    }
    if (cur.generation !== m.generation) {
      this.drop('staleGeneration', m.nodeId, { camera, hit, generation: m.generation, current: cur.generation });
      return false;
    }
    return true;
  }

  /**
   * A hit stamped with an older generation and sent before the current holder took the camera was made while its
   * node held the lease (a node stamps no hit past its lease as it counts it): a dead node's outbox, sent when it came
   * back. Compared on the nodes' clocks (`sentAt` on the sender's, `acquiredAt` on the new holder's).
   */
  private madeBefore(m: HitMessage, cur: { generation: number; acquiredAt?: number }): boolean {
    return m.generation < cur.generation && cur.acquiredAt !== undefined && m.sentAt < cur.acquiredAt;
  }

  /** The ledger row and the event on the bus in one transaction; a message seen before changes nothing. */
  private process(m: HitMessage | ViolationMessage): void {
    const db = this.opts.db();
    const ref = m.kind === 'hit' ? `hit:${m.event.hit.id}` : `violation:${m.event.violation.id}`;
    const now = this.opts.clock.now();
    const fresh = db.transaction(() => {
      const ins = db
        .prepare(
          'INSERT INTO cluster_processed (msg_id, node_id, kind, ref, at) VALUES (?, ?, ?, ?, ?) ' +
            'ON CONFLICT (msg_id) DO NOTHING',
        )
        .run(m.msgId, m.nodeId, m.kind, ref, now);
      if (ins.changes === 0) return false;
      if (m.kind === 'hit') this.opts.bus.emit('hit', m.event);
      else this.opts.bus.emit('violation', m.event);
      return true;
    })();
    if (!fresh) {
      this.counts.duplicates++;
      return;
    }
    this.counts.processed++;
    this.counts[m.kind === 'hit' ? 'hits' : 'violations']++;
    this.lag.add(Math.max(0, Date.now() - m.sentAt));
  }

  private heartbeat(payload: Buffer): void {
    if (payload.length === 0) return; // a cleared retained message
    try {
      const hb = heartbeatMessage.parse(JSON.parse(payload.toString('utf8')));
      this.nodes.set(hb.nodeId, hb);
    } catch (err) {
      this.refusals.warn({ err: errorMessage(err) }, 'cluster heartbeat refused');
    }
  }

  private drop(reason: DropReason, nodeId: string | undefined, fields: Record<string, unknown>): void {
    this.dropped[reason]++;
    if (nodeId) this.droppedByNode.set(nodeId, (this.droppedByNode.get(nodeId) ?? 0) + 1);
    this.refusals.warn({ ...fields, node: nodeId, reason }, 'cluster finding dropped');
  }

  private purge(): void {
    try {
      const before = this.opts.clock.now() - (this.opts.keepMs ?? 7 * 86_400_000);
      this.opts.db().prepare('DELETE FROM cluster_processed WHERE at < ?').run(before);
    } catch (err) {
      this.opts.log.warn({ err: errorMessage(err) }, 'cluster ledger purge failed');
    }
  }
}
