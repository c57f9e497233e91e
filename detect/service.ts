/**
 * `detector` component: one camera pipeline (detect/pipeline.ts) per camera, all sharing one worker pool.
 * Models are loaded and checked at start (a broken model or manifest stops start-up with a clear error).
 */
import path from 'node:path';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import type { ComponentHealth, Frame } from '../kernel/types/index.ts';
import type { SceneFrame, SceneStage, SceneStages } from './camera-stages.ts';
import type { FrameDetections } from './detector.ts';
import { loadModel, shippedModelsDir, type LoadedModel } from './model.ts';
import { CameraPipeline, type DetectFn } from './pipeline.ts';
import { DetectorPool } from './pool.ts';
import { DetectStats, type TimingTotals } from './stats.ts';
import { threadWorkerFactory, type WorkerFactory } from './thread-worker.ts';

export interface DetectPipelineOptions {
  /** Stages 4–6 of every camera: scene rules, frame taps, evidence hand-off (the rules module's `stages`). */
  readonly scene?: SceneStages;
  /** Frame taps run after the scene's own (tests, tools). */
  readonly taps?: readonly SceneStage[];
  /** Use this instead of a worker pool (tests). */
  readonly detect?: DetectFn;
  /** Start pool workers with this (tests); default: worker threads. */
  readonly workerFactory?: WorkerFactory;
}

export class DetectPipeline implements Component {
  readonly name = 'detector';
  private readonly scene: SceneStages;
  private readonly cameras = new Map<string, CameraPipeline>();
  private readonly stats = new DetectStats();
  private readonly models = new Map<string, LoadedModel>();
  private pool: DetectorPool | undefined;
  private detectFn: DetectFn | undefined;
  private state: 'starting' | 'running' | 'stopped' = 'starting';

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: DetectPipelineOptions = {},
  ) {
    const s = opts.scene;
    this.scene = {
      rules: s?.rules ?? { step: (scene) => ({ frame: scene.frame, now: scene.now, changes: [] }) },
      taps: [...(s?.taps ?? []), ...(opts.taps ?? [])],
      findings: s?.findings ?? { push: () => {} },
    };
  }

  modelFor(cameraId: string): string {
    const cam = this.ctx.config.cameras.find((c) => c.id === cameraId);
    return cam?.model ?? this.ctx.config.models.default;
  }

  /** Input width of the model camera `cameraId` uses (after start). */
  inputWidth(cameraId: string): number | undefined {
    return this.models.get(this.modelFor(cameraId))?.manifest.input.width;
  }

  async start(): Promise<void> {
    const cfg = this.ctx.config.models;
    const dir = cfg.dir === undefined ? shippedModelsDir : path.resolve(this.ctx.baseDir, cfg.dir);
    const cams = this.ctx.config.cameras.filter((c) => c.enabled);
    for (const name of new Set([cfg.default, ...cams.map((c) => c.model ?? cfg.default)]))
      this.models.set(name, loadModel(dir, name));
    for (const c of cams) {
      const input = this.models.get(c.model ?? cfg.default)?.manifest.input;
      if (input && !c.detect && c.width !== input.width) {
        this.ctx.log.info(
          { camera: c.id, width: c.width, modelWidth: input.width },
          'frames are resized for the model on every frame; set the camera width to the model width (or use ' +
            '`detect`) to let ffmpeg do it',
        );
      }
    }
    if (this.opts.detect) {
      this.detectFn = this.opts.detect;
    } else {
      const pool = this.createPool(dir);
      this.pool = pool;
      // No camera: the workers start on the first one-off detection instead of holding memory for nothing.
      let ready: Promise<void> | undefined = cams.length > 0 ? pool.start() : undefined;
      if (ready !== undefined) await ready;
      this.detectFn = async (model, frame) => {
        ready ??= pool.start();
        await ready;
        return pool.detect(model, frame);
      };
    }
    this.state = 'running';
  }

  private createPool(dir: string): DetectorPool {
    const cfg = this.ctx.config.models;
    const init = {
      modelsDir: dir,
      models: [...this.models.keys()],
      executionProviders: cfg.executionProviders,
      threads: cfg.threadsPerWorker,
    };
    const factory =
      this.opts.workerFactory ??
      threadWorkerFactory(
        cfg.scoreThreshold === undefined ? init : { ...init, scoreThreshold: cfg.scoreThreshold },
        this.ctx.log,
      );
    return new DetectorPool({ models: this.models, workers: cfg.workers, factory, log: this.ctx.log });
  }

  /** Hand a frame to its camera's pipeline; never blocks (the camera's queue drops its oldest frame when full). */
  push(frame: Frame): void {
    if (this.state !== 'running') {
      this.stats.received++;
      this.stats.dropped++;
      return;
    }
    let cam = this.cameras.get(frame.cameraId);
    if (!cam) {
      cam = new CameraPipeline({
        cameraId: frame.cameraId,
        model: this.modelFor(frame.cameraId),
        config: this.ctx.config.models,
        detect: (m, f) => this.detectFn?.(m, f) ?? Promise.reject(new Error('detector not started')),
        scene: () => this.scene,
        stats: this.stats,
        log: this.ctx.log,
      });
      this.cameras.set(frame.cameraId, cam);
    }
    cam.push(frame);
  }

  /** One-off detection with the camera's model, outside any track (re-checks, snapshots). */
  detectOnce(frame: Frame): Promise<FrameDetections> {
    if (!this.detectFn) return Promise.reject(new Error('detector not started'));
    return this.detectFn(this.modelFor(frame.cameraId), frame);
  }

  /** Tracks, detections and frame after the camera's latest processed frame. */
  latest(cameraId: string): SceneFrame | undefined {
    return this.cameras.get(cameraId)?.latest();
  }

  /** Resolves when every camera has processed all its queued frames. */
  async idle(): Promise<void> {
    await Promise.all([...this.cameras.values()].map((c) => c.idle()));
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    const settle = this.idle();
    await Promise.race([settle, new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.pool?.stop();
  }

  /** Timing sums since start (see DetectStats). */
  timingTotals(): TimingTotals {
    return this.stats.totals();
  }

  health(): ComponentHealth {
    const now = this.ctx.clock.now();
    const pool = this.pool?.stats();
    const stats = {
      cameras: this.cameras.size,
      ...this.stats.snapshot(now),
      ...(pool ? { workers: pool.workers, queued: pool.queued, restarts: pool.restarts } : {}),
    };
    if (this.state === 'starting') return { state: 'starting', stats };
    if (this.state === 'stopped') return { state: 'down', detail: 'stopped', stats };
    const want = this.ctx.config.models.workers;
    const watching = this.ctx.config.cameras.some((c) => c.enabled);
    if (pool && watching && pool.workers === 0)
      return { state: 'down', detail: 'no detector worker is running', stats };
    if (pool && watching && pool.workers < want)
      return { state: 'degraded', detail: `${pool.workers} of ${want} detector workers running`, stats };
    return { state: 'ok', detail: `${this.cameras.size} cameras, models ${[...this.models.keys()].join(', ')}`, stats };
  }
}
