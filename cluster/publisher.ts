/**
 * A video or telemetry node's side of the bridge: its findings leave the in-process bus for the broker. Each hit
 * (video) or violation (telemetry) is published with QoS 1 from a persistent session (client id from the node id):
 * `{ kind, msgId, nodeId, seq, sentAt, generation (hits: the camera lease's), event }`. A hit's evidence files are
 * put in the spool first, so the core gets them even while it is down. A hit for a camera this node does not hold
 * is not published (counted). The node's heartbeat is a retained message, with an "offline" will. With an outbox
 * (cluster/outbox.ts) every finding is on disk before mqtt.js gets it and until the broker acknowledges it; what an
 * earlier run left there is published again at start, before any new finding.
 */
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { BusConsumer, EventBus, HitEvent, Topic, ViolationEvent } from '../kernel/bus.ts';
import type { Component } from '../kernel/component.ts';
import type { NodeRole } from '../kernel/config/schema.ts';
import { type Logger, redactUrl } from '../kernel/log.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import { type BrokerOptions, disconnect, mqttOptions } from './broker.ts';
import type { ClusterTopics, Heartbeat } from './messages.ts';
import type { FindingsOutbox } from './outbox.ts';
import type { EvidenceSpool } from './spool.ts';

/** The cameras this node holds and their lease generations (the camera lease keeper). */
export interface HeldCameras {
  generationOf(cameraId: string): number | undefined;
  held(): readonly string[];
}

export interface PublisherOptions extends BrokerOptions {
  readonly nodeId: string;
  readonly role: Exclude<NodeRole, 'all' | 'core'>;
  readonly version: string;
  readonly startedAt: number;
  readonly topics: ClusterTopics;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly cameras?: HeldCameras;
  readonly vehicles?: () => readonly string[];
  readonly spool?: EvidenceSpool;
  /** Findings kept on disk until the broker acknowledges them (nothing lost to a kill -9). */
  readonly outbox?: FindingsOutbox;
  readonly heartbeatMs?: number;
}

export class ClusterPublisher implements Component, BusConsumer {
  readonly name = 'cluster';
  readonly subscribes: readonly Topic[];
  readonly counts = { published: 0, acked: 0, notHeld: 0, failed: 0, republished: 0 };
  private client?: MqttClient;
  private readonly boot = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  private seq = 0;
  private off: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly opts: PublisherOptions) {
    this.subscribes = opts.role === 'video' ? ['hit'] : ['violation'];
  }

  get unacked(): number {
    return this.counts.published - this.counts.acked - this.counts.failed;
  }

  async start(): Promise<void> {
    const { opts } = this;
    const will = JSON.stringify({ ...this.heartbeat(), online: false });
    const client = mqtt.connect(
      opts.url,
      mqttOptions(opts, {
        will: { topic: opts.topics.node(opts.nodeId), payload: Buffer.from(will), qos: 1, retain: true },
      }),
    );
    this.client = client;
    client.on('connect', () => {
      opts.log.info({ url: redactUrl(opts.url), node: opts.nodeId }, 'cluster bridge connected');
      this.beat();
    });
    client.on('error', (err) => opts.log.warn({ err: err.message }, 'cluster bridge error'));
    // what the last run left unacknowledged goes first, in its order, with its message ids
    for (const e of opts.outbox?.open() ?? []) {
      this.counts.republished++;
      this.publish(e.topic, e.payload, e.id);
    }
    if (opts.role === 'video') this.off.push(opts.bus.on('hit', (e) => this.onHit(e)));
    else this.off.push(opts.bus.on('violation', (e) => this.onViolation(e)));
    this.timer = setInterval(() => this.beat(), opts.heartbeatMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    for (const f of this.off) f();
    this.off = [];
    if (this.timer) clearInterval(this.timer);
    const client = this.client;
    if (!client) return;
    // a clean stop says so (the will is only for a node that dies)
    if (client.connected) {
      const bye = JSON.stringify({ ...this.heartbeat(), online: false });
      client.publish(this.opts.topics.node(this.opts.nodeId), bye, { qos: 1, retain: true });
    }
    await disconnect(client);
  }

  health(): ComponentHealth {
    const connected = this.client?.connected ?? false;
    const ob = this.opts.outbox;
    const full = ob?.full ? '; findings outbox FULL (new findings in memory only)' : '';
    return {
      state: connected && !full ? 'ok' : 'degraded',
      detail: `${connected ? 'connected' : 'broker unreachable'}; ${this.unacked} findings not yet acknowledged${full}`,
      stats: {
        ...this.counts,
        unacked: this.unacked,
        spool: this.opts.spool?.pending() ?? 0,
        ...(ob ? { outbox: ob.size, outboxOverflow: ob.counts.overflow, outboxDamaged: ob.counts.damaged } : {}),
      },
    };
  }

  onHit(e: HitEvent): void {
    const generation = this.opts.cameras ? this.opts.cameras.generationOf(e.hit.cameraId) : 0;
    if (generation === undefined) {
      this.counts.notHeld++;
      this.opts.log.warn({ camera: e.hit.cameraId, hit: e.hit.id }, 'hit for a camera this node does not hold');
      return;
    }
    this.opts.spool?.add(e.hit.evidence);
    this.send(this.opts.topics.hit(e.hit.cameraId), { kind: 'hit', generation, event: e });
  }

  onViolation(e: ViolationEvent): void {
    this.send(this.opts.topics.violation(e.violation.vehicleId), { kind: 'violation', event: e });
  }

  heartbeat(): Heartbeat {
    const o = this.opts;
    return {
      nodeId: o.nodeId,
      role: o.role,
      version: o.version,
      startedAt: o.startedAt,
      at: Date.now(),
      online: true,
      cameras: [...(o.cameras?.held() ?? [])],
      vehicles: [...(o.vehicles?.() ?? [])],
      spool: o.spool?.pending() ?? 0,
      outbox: o.outbox?.size ?? 0,
      unacked: this.unacked,
      published: this.counts.published,
    };
  }

  private beat(): void {
    if (!this.client?.connected) return;
    this.client.publish(this.opts.topics.node(this.opts.nodeId), JSON.stringify(this.heartbeat()), {
      qos: 0,
      retain: true,
    });
  }

  private send(topic: string, body: Record<string, unknown>): void {
    const seq = ++this.seq;
    const msg = {
      ...body,
      msgId: `${this.opts.nodeId}:${this.boot}:${seq}`,
      nodeId: this.opts.nodeId,
      seq,
      sentAt: Date.now(),
    };
    const payload = JSON.stringify(msg);
    // on disk first: a node that dies before the broker's PUBACK sends it again at its next start
    this.publish(topic, payload, this.opts.outbox?.add(topic, payload));
  }

  private publish(topic: string, payload: string, outboxId: string | undefined): void {
    this.counts.published++;
    // queued by mqtt.js while the broker is away, resent until acknowledged
    this.client?.publish(topic, payload, { qos: 1 }, (err) => {
      if (err) {
        this.counts.failed++; // still in the outbox (if it is there): sent again at the next start
        this.opts.log.error({ err: err.message, topic }, 'finding could not be published');
      } else {
        this.counts.acked++;
        if (outboxId) this.opts.outbox?.ack(outboxId);
      }
    });
  }
}
