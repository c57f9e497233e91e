/**
 * The camera pipeline: THE ordered stages of one camera (`process`), with the readonly type each hands on
 * (detect/camera-stages.ts):
 *
 *   Frame ─ 1 motion gate ─ Gated ─ 2 detector ─ Detected ─ 3 tracker ─ SceneFrame ─ 4 scene rules ─ Findings
 *         ─ 5 frame taps (re-check windows) ─ 6 hand-off → evidence queue → bus `hit` (off the frame loop)
 *
 * Frames of one camera go through strictly in order behind a bounded queue (oldest dropped when behind); cameras run
 * in parallel (DetectPipeline in detect/service.ts owns one of these per camera). A failing stage is logged and
 * skipped for that frame; the camera goes on with the next one. Stage 6 only queues: writing evidence (JPEGs, clips)
 * never holds up the next frame.
 */
import type { ModelsConfig } from '../kernel/config/models.ts';
import type { Logger } from '../kernel/log.ts';
import type { Detection, Frame, Track } from '../kernel/types/index.ts';
import {
  sceneFrame,
  type Detected,
  type Findings,
  type Gated,
  type SceneFrame,
  type SceneStages,
} from './camera-stages.ts';
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
  /** Stages 4–6 (the rules module's); tests and tools may leave them out or add frame taps. */
  readonly scene: () => SceneStages;
  readonly stats: DetectStats;
  readonly log: Logger;
}

export class CameraPipeline {
  private readonly queue: FrameQueue;
  private readonly motion: MotionGate;
  private readonly tracker: Tracker;
  private running: Promise<void> | undefined;
  private last: SceneFrame | undefined;

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

  /** The latest tracked frame (tracks after the last frame). */
  latest(): SceneFrame | undefined {
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
    const scene = this.track(detected); // 3. tracker: stable ids, label vote, stationary flag
    await runSceneStages(this.deps.scene(), scene, (stage, err) => this.stageFailed(stage, scene, err)); // 4, 5, 6
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
      this.deps.stats.latency.add(Date.now() - g.frame.ts);
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

  private track(d: Detected): SceneFrame {
    const t0 = performance.now();
    const now = d.frame.ts;
    const tracks = d.detected ? this.tracker.update(d.detections, now) : this.tracker.hold(now);
    this.deps.stats.tracked(performance.now() - t0);
    const previous: readonly Detection[] = this.last?.seen ?? [];
    this.last = sceneFrame({ frame: d.frame, detections: d.detections, tracks, detected: d.detected, now }, previous);
    return this.last;
  }

  private stageFailed(stage: string, scene: SceneFrame, err: unknown): void {
    this.deps.stats.stageErrors++;
    this.deps.log.error(
      { err, stage, camera: this.deps.cameraId, seq: scene.frame.seq },
      'scene stage failed; skipped for this frame',
    );
  }
}

/**
 * Stages 4–6 of a camera, from a tracked frame on (the rules tests feed their own frames here). Each stage is
 * isolated: a throw is reported through `failed` and the later stages still run.
 */
export async function runSceneStages(
  s: SceneStages,
  scene: SceneFrame,
  failed: (stage: string, err: unknown) => void,
): Promise<void> {
  let findings: Findings = { frame: scene.frame, now: scene.now, changes: [] };
  try {
    findings = s.rules.step(scene); // 4. scene rules: each zone's rule steps on this frame → hit changes
  } catch (err) {
    failed('scene-rules', err);
  }
  for (const tap of s.taps) {
    try {
      await tap.observe(scene); // 5. frame taps: windows of frames for 核查 re-checks, recorders
    } catch (err) {
      failed(tap.name, err);
    }
  }
  if (findings.changes.length === 0) return;
  try {
    s.findings.push(findings); // 6. hand-off: evidence written and hits published behind a queue, in order
  } catch (err) {
    failed('hand-off', err);
  }
}
