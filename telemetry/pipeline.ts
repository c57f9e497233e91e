/**
 * THE telemetry pipeline, one ordered list of stages per position message:
 *
 *   1 decode     RawMessage → DecodedFix | StatusReport         (decode/: gridwatch JSON, OwnTracks)
 *   2 validate   DecodedFix → Position                          (validate.ts)
 *   3 order      Position → Position (late flag) | duplicate    (sequence.ts)
 *   4 jumps      drop GPS jumps                                 (jumps.ts)
 *   5 enrich     derive missing speed / heading                 (enrich.ts)
 *   6 store      batch per drain turn; ack after it is durable  (store/)
 *   7 route      PositionStage slots (route state)              (stage.ts; telemetry/route/)
 *   8 publish    `vehicle.position` on the bus
 *
 * Per vehicle strictly in arrival order (one lane each); vehicles round-robin (lanes.ts). A rejection is counted
 * per reason and vehicle and acknowledged; an exception in a stage is logged and skipped for that message.
 */
import type { Position } from '../kernel/types/index.ts';
import { decodeMessage, isStatus } from './decode/index.ts';
import { enrich } from './enrich.ts';
import { filterJump } from './jumps.ts';
import { Lanes } from './lanes.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { sequence } from './sequence.ts';
import { type DecodedFix, isRejection, reject, type RawMessage, type Rejection, type TopicInfo } from './types.ts';
import { validateFix } from './validate.ts';
import { VehicleStates } from './vehicle-state.ts';
import { errorMessage } from '../kernel/errors.ts';

/**
 * Called once per message: no error → the broker may acknowledge it; an error → it must not. A message that was
 * acknowledged but rejected (counted with its reason) comes with its rejection: the broker neither forwards nor
 * retains it.
 */
export type Ack = (err?: Error, rejected?: Rejection) => void;

/** A raw MQTT message, or a fix another source decoded already (the JT/T 808 server). */
type Item = { readonly ack: Ack } & (
  | { readonly msg: RawMessage; readonly topic: TopicInfo }
  | { readonly fix: DecodedFix }
);

export class TelemetryPipeline {
  private readonly lanes: Lanes<Item>;
  readonly vehicles = new VehicleStates();
  private batch: Position[] = [];
  private acks: Ack[] = [];
  private writing: Promise<void> = Promise.resolve();
  private inTurn = false;
  private stageErrors = 0;

  constructor(private readonly d: PipelineDeps) {
    this.lanes = new Lanes<Item>({
      laneLimit: d.laneLimit,
      slice: 32,
      budgetMs: 20,
      handle: (_k, item) => this.run(item),
      afterTurn: () => this.storeTurn(),
    });
  }

  /** Entry point for every source (embedded broker tap, MQTT subscriber). */
  ingest(msg: RawMessage, ack: Ack): void {
    const topic = this.d.topics.parse(msg.topic);
    if (!topic) {
      this.rejected(
        reject('bad_topic', `topic "${msg.topic.slice(0, 100)}" is not PREFIX/vehicles/{id}/position|status`),
        ack,
      );
    } else if (topic.kind === 'status') {
      this.status(topic, msg, ack);
    } else if (!this.lanes.push(topic.vehicleId, { msg, topic, ack })) {
      this.rejected(
        reject('overload', `more than ${this.d.laneLimit} messages queued for this vehicle`, topic.vehicleId),
        ack,
        new Error('overloaded'),
      );
    }
  }

  /**
   * Entry point for a fix decoded by another source (telemetry/jt808/): the same lane as the vehicle's MQTT fixes
   * and every stage from validate on. `ack` is called once the fix is stored (or counted as rejected).
   */
  ingestFix(fix: DecodedFix, ack: Ack): void {
    if (!this.lanes.push(fix.vehicleId, { fix, ack })) {
      this.rejected(
        reject('overload', `more than ${this.d.laneLimit} messages queued for this vehicle`, fix.vehicleId),
        ack,
        new Error('overloaded'),
      );
    }
  }

  get pending(): number {
    return this.lanes.pending + this.batch.length;
  }

  /** Resolves when everything ingested so far has gone through and been handed to the store. */
  async idle(): Promise<void> {
    await this.lanes.idle();
    await this.writing;
  }

  private run(item: Item): void {
    this.inTurn = true;
    try {
      this.stages(item);
    } finally {
      this.inTurn = false;
    }
  }

  private stages(item: Item): void {
    const { d } = this;
    const vid = 'fix' in item ? item.fix.vehicleId : item.topic.vehicleId;
    try {
      const decoded = 'fix' in item ? item.fix : decodeMessage(item.topic, item.msg, d.maxPayloadBytes); // 1 decode
      if (isRejection(decoded)) {
        this.rejected(decoded, item.ack);
        return;
      }
      if (isStatus(decoded)) {
        this.statusReport(decoded.vehicleId, decoded.online, decoded.receivedAt, decoded.reason, item.ack);
        return;
      }
      const valid = validateFix(decoded, d.validation, d.now(), d.isKnown); // 2 validate
      if (isRejection(valid)) {
        this.rejected(valid, item.ack);
        return;
      }
      const v = this.vehicles.get(vid);
      const order = sequence(v.seq, valid.ts); // 3 order
      v.seq = order.state;
      if (order.verdict === 'duplicate') {
        this.duplicate(vid, item.ack);
        return;
      }
      const late = order.verdict === 'late';
      const jump = filterJump(v.jumps, valid, late, d.jumps); // 4 jumps
      v.jumps = jump.state;
      if (!jump.accept) {
        this.rejected(
          reject('gps_jump', `implies more than ${d.jumps.maxJumpKmh} km/h from the last good fix`, vid),
          item.ack,
        );
        return;
      }
      const pos = enrich(v.prev, late ? { ...valid, late } : valid); // 5 enrich
      if (!late) v.prev = pos;
      this.batch.push(pos); // 6 store (written after this drain turn)
      this.acks.push(item.ack);
      d.counters.outcome(vid, late ? 'late' : 'accepted');
      d.status.apply(vid, { kind: 'fix', at: pos.receivedAt });
      this.route(pos); // 7 route state
      d.bus.emit('vehicle.position', pos); // 8 publish
    } catch (err) {
      // a bug reachable by a payload must not flood the log: the first few, then every 1000th
      if (++this.stageErrors <= 5 || this.stageErrors % 1000 === 0)
        d.log.error({ err, vehicleId: vid, count: this.stageErrors }, 'telemetry stage failed; message skipped');
      this.rejected(reject('stage_error', errorMessage(err), vid), item.ack);
    }
  }

  private route(p: Position): void {
    for (const stage of this.d.stages) {
      try {
        stage.observe(p);
      } catch (err) {
        this.d.onStageError(stage.name, err);
      }
    }
  }

  /** After each drain turn: one store write for the turn's batch; acks once it is durable. */
  private storeTurn(): void {
    if (this.batch.length === 0 && this.acks.length === 0) return;
    const batch = this.batch;
    const acks = this.acks;
    this.batch = [];
    this.acks = [];
    const done = this.d.store.write(batch).then(
      () => {
        for (const a of acks) a();
      },
      (err: unknown) => {
        this.d.log.error({ err, positions: batch.length }, 'position store write failed; messages not acknowledged');
        for (const a of acks) a(err as Error);
      },
    );
    this.writing = this.writing.then(() => done);
  }

  private duplicate(vehicleId: string, ack: Ack): void {
    this.d.counters.outcome(vehicleId, 'duplicate');
    this.acks.push(ack); // acknowledged with the turn's write, after the original is durable
  }

  private status(topic: TopicInfo, msg: RawMessage, ack: Ack): void {
    const d = decodeMessage(topic, msg, this.d.maxPayloadBytes);
    if (isRejection(d)) this.rejected(d, ack);
    else if (isStatus(d)) this.statusReport(d.vehicleId, d.online, d.receivedAt, d.reason, ack);
  }

  private statusReport(vehicleId: string, online: boolean, at: number, reason: string, ack: Ack): void {
    if (!this.d.isKnown(vehicleId)) {
      this.rejected(reject('unknown_vehicle', `vehicle "${vehicleId}" is not in the configuration`, vehicleId), ack);
      return;
    }
    this.d.status.apply(vehicleId, { kind: 'report', online, at, reason });
    if (this.inTurn) this.acks.push(ack);
    else ack();
  }

  /** Count it; acknowledge it (in order with the turn's other messages when inside a turn), or refuse with err. */
  private rejected(r: Rejection, ack: Ack, err?: Error): void {
    this.d.counters.rejected(r.rejected, r.vehicleId);
    this.d.onReject(r);
    if (err) {
      ack(err, r);
      return;
    }
    const done = (e?: Error): void => ack(e, r);
    if (this.inTurn) this.acks.push(done);
    else done();
  }
}
