/**
 * The telemetry component: position store + pipeline + online tracking, fed by the embedded broker's tap or, with
 * an external broker, by the MQTT subscriber. Started before the embedded broker listens, stopped after it closes.
 */
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import type { ComponentHealth, Position } from '../kernel/types/index.ts';
import type { EmbeddedBroker } from './broker.ts';
import { TelemetryCounters } from './counters.ts';
import { MqttSubscriber } from './ingest/subscriber.ts';
import { storeBufferedGauge, storeDroppedGauge } from './metrics.ts';
import { ownsVehicle } from './partition.ts';
import { TelemetryPipeline, type Ack } from './pipeline.ts';
import type { PositionStage } from './stage.ts';
import { StatusTracker } from './status.ts';
import { createPositionStore, type PositionStore } from './store/index.ts';
import { Topics } from './topics.ts';
import { vehicleSummaries, type VehicleSummary } from './summary.ts';
import type { DecodedFix, RawMessage } from './types.ts';

/** Queued messages above which the external subscriber stops taking more until the pipeline is below LOW. */
const HIGH_WATER = 20_000;
const LANE_LIMIT = 5_000;

export class TelemetryService implements Component {
  readonly name = 'telemetry';
  readonly topics: Topics;
  readonly counters: TelemetryCounters;
  readonly status: StatusTracker;
  readonly store: PositionStore;
  private readonly stages: PositionStage[] = [];
  private pipeline?: TelemetryPipeline;
  private subscriber?: MqttSubscriber;
  private readonly known: Set<string>;
  private stageErrors = new Map<string, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly broker?: EmbeddedBroker,
  ) {
    const { config } = ctx;
    this.topics = new Topics(config.mqtt.topicPrefix);
    this.known = new Set(config.vehicles.map((v) => v.id));
    this.counters = new TelemetryCounters((id) => this.known.has(id));
    this.status = new StatusTracker(ctx.bus, config.mqtt.offlineAfterSeconds * 1000, () => ctx.clock.now());
    this.store = createPositionStore(config, ctx.dataDir, ctx.log, () => ctx.clock.now());
  }

  /** Register a route-state stage (the slot of stage.ts); call before start. */
  addStage(stage: PositionStage): void {
    this.stages.push(stage);
  }

  async start(): Promise<void> {
    const { config, log, bus } = this.ctx;
    const m = config.mqtt;
    await this.store.open();
    const pipeline = new TelemetryPipeline({
      topics: this.topics,
      maxPayloadBytes: m.maxPayloadBytes,
      validation: { maxFutureMs: m.maxFutureSeconds * 1000, maxAgeMs: m.maxAgeHours * 3_600_000 },
      jumps: { maxJumpKmh: m.maxJumpKmh, toleranceM: 100, confirm: 3 },
      isKnown: (id) => this.known.has(id),
      store: this.store,
      stages: this.stages,
      counters: this.counters,
      status: this.status,
      bus,
      log,
      now: () => this.ctx.clock.now(),
      laneLimit: LANE_LIMIT,
      onReject: (r) =>
        log.debug({ reason: r.rejected, vehicleId: r.vehicleId, detail: r.detail }, 'telemetry message rejected'),
      onStageError: (stage, err) => this.stageError(stage, err),
    });
    this.pipeline = pipeline;
    pipeline.vehicles.seed(await this.store.lastPositions());
    for (const stage of this.stages) {
      await stage
        .restore?.(this.store)
        .catch((err: unknown) =>
          log.error(
            { err, stage: stage.name },
            'stage could not restore its state from stored positions; starting afresh',
          ),
        );
    }
    this.status.start();
    if (this.broker) {
      this.broker.setTap(
        (msg, ack) => this.ingest(msg, ack),
        (id) => this.status.apply(id, { kind: 'disconnect', at: this.ctx.clock.now() }),
      );
    } else if (m.mode === 'url') {
      const owned = m.partition
        ? config.vehicles.filter((v) => ownsVehicle(v.id, m.partition!)).map((v) => v.id)
        : null;
      const filters = owned
        ? owned.flatMap((id) => [this.topics.position(id), this.topics.status(id)])
        : [this.topics.allPositions, this.topics.allStatus];
      this.subscriber = new MqttSubscriber({
        url: m.url,
        username: m.username,
        password: m.password,
        clientId: m.clientId,
        protocolVersion: 5,
        sessionExpirySeconds: m.sessionExpirySeconds,
        filters,
        sharedGroup: m.sharedGroup,
        onMessage: (msg) => pipeline.ingest(msg, () => {}),
        backpressure: () => (pipeline.pending > HIGH_WATER ? pipeline.idle() : null),
        log,
      });
      await this.subscriber.start();
    }
  }

  async stop(): Promise<void> {
    await this.subscriber?.stop();
    this.status.stop();
    try {
      await this.pipeline?.idle();
      for (const stage of this.stages) await stage.halt?.();
    } finally {
      await this.store.close();
    }
  }

  private stageError(stage: string, err: unknown): void {
    const n = (this.stageErrors.get(stage) ?? 0) + 1;
    this.stageErrors.set(stage, n);
    if (n <= 5 || n % 1000 === 0)
      this.ctx.log.error({ err, stage, count: n }, 'route stage failed on a position; skipped for it');
  }

  /** Feed one message into the pipeline (what the broker tap and the subscriber do). */
  ingest(msg: RawMessage, ack: Ack = () => {}): void {
    if (this.pipeline) this.pipeline.ingest(msg, ack);
    else ack(new Error('telemetry is not started'));
  }

  /** Feed one fix decoded by another source (the JT/T 808 server); ack once it is stored or rejected. */
  ingestFix(fix: DecodedFix, ack: Ack): void {
    if (this.pipeline) this.pipeline.ingestFix(fix, ack);
    else ack(new Error('telemetry is not started'));
  }

  /** A vehicle's connection state from another source: online (authenticated), offline (logout), disconnected. */
  connection(vehicleId: string, state: 'online' | 'offline' | 'disconnect', reason: string): void {
    const at = this.ctx.clock.now();
    if (state === 'disconnect') this.status.apply(vehicleId, { kind: 'disconnect', at });
    else this.status.apply(vehicleId, { kind: 'report', online: state === 'online', at, reason });
  }

  /** Messages queued in the pipeline (lanes and the batch not yet written). */
  get pending(): number {
    return this.pipeline?.pending ?? 0;
  }

  /** Resolves when everything ingested so far is processed and handed to the store. */
  async idle(): Promise<void> {
    await this.pipeline?.idle();
  }

  async vehicles(): Promise<VehicleSummary[]> {
    return vehicleSummaries(this.ctx.config.vehicles, await this.store.lastPositions(), this.status, this.counters);
  }

  track(vehicleId: string, from: number, to: number, limit?: number): Promise<Position[]> {
    return this.store.track(vehicleId, from, to, limit);
  }

  isKnown(vehicleId: string): boolean {
    return this.known.has(vehicleId);
  }

  health(): ComponentHealth {
    if (!this.pipeline) return { state: 'starting', detail: 'not started' };
    const store = this.store.stats();
    storeBufferedGauge.set(store.buffered);
    storeDroppedGauge.set(store.dropped);
    const t = this.counters.summary();
    const rejected = Object.fromEntries(Object.entries(this.counters.byReason()).map(([k, v]) => [`rejected.${k}`, v]));
    const sub = this.subscriber?.stats();
    const degraded = (sub && !sub.connected) || store.buffered > 50_000 || store.dropped > 0;
    return {
      state: degraded ? 'degraded' : 'ok',
      detail:
        `${this.status.onlineCount()} of ${this.known.size} vehicles online; ${store.kind} ` +
        `store${sub && !sub.connected ? '; broker not connected' : ''}`,
      stats: {
        accepted: t.accepted,
        late: t.late,
        duplicates: t.duplicates,
        rejected: t.rejected,
        ...rejected,
        queued: this.pipeline.pending,
        'store.written': store.written,
        'store.buffered': store.buffered,
        'store.dropped': store.dropped,
        'store.errors': store.errors,
        ...(store.lastError ? { 'store.lastError': store.lastError } : {}),
        routeStageErrors: [...this.stageErrors.values()].reduce((a, b) => a + b, 0),
        ...(sub ? Object.fromEntries(Object.entries(sub).map(([k, v]) => [`subscriber.${k}`, v])) : {}),
      },
    };
  }
}
