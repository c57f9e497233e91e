/**
 * The camera pipeline: THE ordered stages of one camera (`process`): motion gate → detector (worker pool) → tracker →
 * scene stages. Frames of one camera go through strictly in order behind a bounded queue (oldest dropped when
 * behind); cameras run in parallel (DetectPipeline in detect/service.ts owns one of these per camera).
 * A failing stage is logged and skipped for that frame; the camera goes on with the next one.
 */
import type { ModelsConfig } from '../kernel/config/models.ts';
import type { Logger } from '../kernel/log.ts';
import type { Frame, Track } from '../kernel/types/index.ts';
import type { Detected, Gated, SceneInput, SceneStage } from './camera-stages.ts';
import type { FrameDetections } from './detector.ts';
import { FrameQueue } from './frame-queue.ts';
import { MotionGate } from './motion.ts';
import type { DetectStats } from './stats.ts';
import { Tracker } from './tracker.ts';
import { errorMessage } from '../kernel/errors.ts';

export type DetectFn = (model: string, frame: Frame) => Promise<FrameDetections>;

export interface CameraPipelineDeps {
  readonly cameraId: string;
  readonly model: string;
  readonly config: Pick<ModelsConfig, 'motion' | 'tracker' | 'maxQueuePerCamera'>;
  readonly detect: DetectFn;
  readonly stages: () => readonly SceneStage[];
  readonly stats: DetectStats;
  readonly log: Logger;
}

export class CameraPipeline {
  private readonly queue: FrameQueue;
  private readonly motion: MotionGate;
  private readonly tracker: Tracker;
  private running: Promise<void> | undefined;
  private last: SceneInput | undefined;

  constructor(private readonly deps: CameraPipelineDeps) {
    this.queue = new FrameQueue(deps.config.maxQueuePerCamera);
    this.motion = new MotionGate(deps.config.motion);
    this.tracker = new Tracker(deps.cameraId, deps.config.tracker);
  }

  /** Queue a frame (dropping the oldest waiting one when full) and make sure the camera's loop is running. */
  push(frame: Frame): void {
    this.deps.stats.received++;
    this.deps.stats.receivedRate.tick(frame.ts);
    if (this.queue.push(frame)) this.deps.stats.dropped++;
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when every queued frame has gone through. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** The latest scene input (tracks after the last frame). */
  latest(): SceneInput | undefined {
    return this.last;
  }

  tracks(): readonly Track[] {
    return this.last?.tracks ?? [];
  }

  private async drain(): Promise<void> {
    for (let f = this.queue.shift(); f; f = this.queue.shift()) await this.process(f);
  }

  /** THE stages of one camera, in order. */
  private async process(frame: Frame): Promise<void> {
    const gated = this.gate(frame); // 1. motion gate: no change since the last detection (and no new track) → skip
    const detected = await this.detect(gated); // 2. detector (worker pool): pre-process, inference, decode, NMS
    if (!detected) return; //                      failed: logged and counted, frame skipped
    const tracked = this.track(detected); // 3. tracker: stable ids, label vote, stationary flag
    await this.scene(tracked); // 4. scene stages (rules, evidence), each isolated from the others
  }

  private gate(frame: Frame): Gated {
    return { frame, motion: this.motion.check(frame, frame.ts, this.tracker.hasTentative()) };
  }

  private async detect(g: Gated): Promise<Detected | undefined> {
    if (!g.motion.run) {
      this.deps.stats.skippedStill++;
      return { ...g, detected: false, detections: [] };
    }
    try {
      const r = await this.deps.detect(this.deps.model, g.frame);
      this.deps.stats.analysed++;
      this.deps.stats.analysedRate.tick(g.frame.ts);
      this.deps.stats.timing(r.timing);
      return { ...g, detected: true, detections: r.detections, timing: r.timing };
    } catch (err) {
      this.deps.stats.failed++;
      this.deps.log.error(
        { err: errorMessage(err), camera: this.deps.cameraId, seq: g.frame.seq },
        'detection failed; frame skipped',
      );
      return undefined;
    }
  }

  private track(d: Detected): SceneInput {
    const t0 = performance.now();
    const now = d.frame.ts;
    const tracks = d.detected ? this.tracker.update(d.detections, now) : this.tracker.hold(now);
    this.deps.stats.tracked(performance.now() - t0);
    this.last = { frame: d.frame, detections: d.detections, tracks, detected: d.detected, now };
    return this.last;
  }

  private async scene(input: SceneInput): Promise<void> {
    for (const stage of this.deps.stages()) {
      try {
        await stage.observe(input);
      } catch (err) {
        this.deps.stats.stageErrors++;
        this.deps.log.error(
          { err, stage: stage.name, camera: this.deps.cameraId, seq: input.frame.seq },
          'scene stage failed; skipped for this frame',
        );
      }
    }
  }
}
