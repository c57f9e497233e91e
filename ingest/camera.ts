/**
 * One camera kept alive: its stream, a frame watchdog, restarts with exponential backoff and jitter, and its
 * status (online / offline / stalled, last frame, measured fps, restarts). Nothing here touches another camera.
 */
import { statSync } from 'node:fs';
import type { Clock } from '../kernel/clock.ts';
import type { CameraConfig } from '../kernel/config/schema.ts';
import { errorMessage } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';
import type { CameraState, CameraStatus, CameraView, Frame } from '../kernel/types/index.ts';
import { backoffDelay, defaultBackoff, type BackoffParams } from './backoff.ts';
import type { DecodeSettings } from './ffmpeg-args.ts';
import { checkVideoFile } from './file-check.ts';
import { startFfmpegStream, type Picture, type PictureStream, type RecordTarget } from './ffmpeg-stream.ts';
import { RECORD_ERROR, startWithSubStream, type SubStreamDeps } from './sub-stream.ts';
import { tcpReachable } from './probe.ts';
import { RateMeter } from './rate.ts';
import { checkSourceExists, sourceEndpoint, type SourceSpec } from './source.ts';
import { startStillStream } from './still-stream.ts';

export interface CameraRunnerDeps {
  readonly spec: SourceSpec;
  readonly log: Logger;
  readonly clock: Clock;
  readonly onFrame: (frame: Frame) => void | Promise<void>;
  /** PTZ cameras: where the camera looks now; stamped on each frame. */
  readonly view?: () => CameraView;
  readonly onStatus: (status: CameraStatus) => void;
  /** Where this camera's segments go for this run (undefined: not recorded now). */
  readonly recordTarget?: (run: number) => RecordTarget | undefined;
  /** Told when ffmpeg died of what looks like a recording write error. */
  readonly onRecordFailure?: (error: string) => void;
  readonly backoff?: BackoffParams;
  /** Analysis size and rate when they differ from the camera's `width`/`height`/`fps` (`cameras[].detect`). */
  readonly analysis?: { readonly width: number; readonly height?: number; readonly fps: number };
  /** The sub stream decoded for analysis; the main stream (`spec`) is then only recorded. */
  readonly detectSpec?: SourceSpec;
  /** How often a waiting network camera is probed for its return, ms. */
  readonly probeEveryMs?: number;
}

/** Video files up to this size are read through before each start (bigger ones are checked as they play). */
const CHECK_FILES_UP_TO = 256 * 1024 * 1024;

export class CameraRunner {
  private state: CameraState = 'starting';
  private error: string | undefined;
  private stream: PictureStream | undefined;
  private readonly rate = new RateMeter();
  private lastFrameAt: number | undefined;
  private lastDeliveredAt = 0;
  private launchedAt = 0;
  private restarts = 0;
  private attempts = 0;
  private seq = 0;
  private run = 0;
  private stopped = false;
  private checking = false;
  private waitGeneration = 0;
  private latest: Frame | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    readonly camera: CameraConfig,
    private readonly deps: CameraRunnerDeps,
  ) {}

  start(): void {
    this.watchdog = setInterval(() => this.checkStall(), 500);
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.watchdog);
    this.clearTimers();
    this.stream?.stop();
    this.stream = undefined;
  }

  status(): CameraStatus {
    const now = this.deps.clock.now();
    return {
      cameraId: this.camera.id,
      state: this.state,
      lastFrameAt: this.lastFrameAt,
      fps: this.rate.fps(now),
      restarts: this.restarts,
      error: this.error,
      ts: now,
    };
  }

  /** The last frame handed to the pipeline. */
  latestFrame(): Frame | undefined {
    return this.latest;
  }

  private launch(): void {
    const { spec } = this.deps;
    const c = this.camera;
    const a = this.deps.analysis;
    const settings: DecodeSettings = {
      fps: a?.fps ?? c.fps,
      width: a?.width ?? c.width,
      height: a ? a.height : c.height,
      keyframesOnly: c.keyframesOnly,
      realtime: true,
    };
    this.run += 1;
    const handlers = {
      onPicture: (p: Picture) => this.onPicture(p),
      onExit: (e: string | undefined) => this.onExit(e),
    };
    const begin = (): void => {
      if (this.stopped) return;
      this.launchedAt = this.deps.clock.now();
      const record = spec.kind === 'image' ? undefined : this.deps.recordTarget?.(this.run);
      const sub = this.deps.detectSpec;
      if (sub && spec.kind !== 'image')
        this.stream = startWithSubStream({ main: spec, sub, settings, handlers, record, ...this.recordDeps() });
      else
        this.stream =
          spec.kind === 'image'
            ? startStillStream(spec, settings, handlers)
            : startFfmpegStream(spec, settings, handlers, record);
    };
    let check: boolean;
    try {
      checkSourceExists(spec);
      check = spec.kind === 'file' && statSync(spec.input).size <= CHECK_FILES_UP_TO;
    } catch (err) {
      this.onExit(errorMessage(err));
      return;
    }
    if (!check) {
      begin();
      return;
    }
    // A file is read through once first, so a truncated one fails now rather than after it has played a while.
    this.checking = true;
    checkVideoFile(spec.input).then(
      () => {
        this.checking = false;
        begin();
      },
      (err: unknown) => {
        this.checking = false;
        this.onExit(errorMessage(err));
      },
    );
  }

  private recordDeps(): Omit<SubStreamDeps, 'main' | 'sub' | 'settings' | 'handlers' | 'record'> {
    return {
      cameraId: this.camera.id,
      log: this.deps.log,
      gone: () => this.stopped,
      nextTarget: () => this.deps.recordTarget?.(this.run),
      ...(this.deps.onRecordFailure ? { onRecordFailure: this.deps.onRecordFailure } : {}),
    };
  }

  private onPicture(p: Picture): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    this.lastFrameAt = now;
    this.rate.tick(now);
    if (this.state !== 'online') {
      this.attempts = 0;
      this.setState('online', undefined);
    }
    // Keyframe-only output comes at the GOP rate: never hand the pipeline more than its analysis rate.
    const fps = this.deps.analysis?.fps ?? this.camera.fps;
    if (this.camera.keyframesOnly && now - this.lastDeliveredAt < 900 / fps) return;
    this.lastDeliveredAt = now;
    const frame: Frame = {
      cameraId: this.camera.id,
      ts: now,
      seq: this.seq++,
      width: p.width,
      height: p.height,
      data: p.data,
      ...(this.deps.view ? { view: this.deps.view() } : {}),
    };
    this.latest = frame;
    try {
      const r: unknown = this.deps.onFrame(frame);
      if (r instanceof Promise) r.catch((err: unknown) => this.frameFailed(err));
    } catch (err) {
      this.frameFailed(err);
    }
  }

  private frameFailed(err: unknown): void {
    this.deps.log.error({ err, camera: this.camera.id }, 'frame consumer failed; frame skipped');
  }

  private onExit(error: string | undefined): void {
    this.stream = undefined;
    if (this.stopped) return;
    const why = error ?? 'stream ended';
    if (this.deps.onRecordFailure && RECORD_ERROR.test(why) && this.deps.spec.kind !== 'image')
      this.deps.onRecordFailure(why);
    this.setState(this.state === 'stalled' ? 'stalled' : 'offline', why);
    this.scheduleRestart();
  }

  private checkStall(): void {
    if (!this.stream || this.stopped) return;
    const now = this.deps.clock.now();
    const since = Math.max(this.lastFrameAt ?? 0, this.launchedAt);
    if (now - since <= this.camera.stallSeconds * 1000) return;
    this.stream.stop();
    this.stream = undefined;
    this.setState('stalled', `no frame for ${this.camera.stallSeconds} s`);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    this.clearTimers();
    const wait = ++this.waitGeneration;
    const delay = backoffDelay(this.attempts++, this.deps.backoff ?? defaultBackoff);
    this.deps.log.warn(
      { camera: this.camera.id, state: this.state, error: this.error, retryInMs: delay },
      'camera down; restarting',
    );
    this.timers.add(setTimeout(() => this.relaunch(), delay));
    const endpoint = sourceEndpoint(this.deps.spec);
    if (!endpoint) return;
    // Backoff spares a dead camera; a probe notices its return at once (a TCP connect costs nothing).
    let sawDown = false;
    const probe = async (): Promise<void> => {
      const up = await tcpReachable(endpoint.host, endpoint.port, 1000);
      if (this.stopped || this.stream || wait !== this.waitGeneration) return;
      if (!up) sawDown = true;
      else if (sawDown) {
        this.attempts = 0; // it is back: a hiccup on the first try should not cost a long backoff
        return this.relaunch();
      }
      this.timers.add(setTimeout(() => void probe(), this.deps.probeEveryMs ?? 1000));
    };
    void probe();
  }

  private relaunch(): void {
    if (this.stopped || this.stream || this.checking) return;
    this.clearTimers();
    this.restarts += 1;
    this.launch();
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private setState(state: CameraState, error: string | undefined): void {
    const changed = state !== this.state || error !== this.error;
    this.state = state;
    this.error = error;
    if (!changed) return;
    this.deps.log.info({ camera: this.camera.id, state, error }, 'camera status');
    this.deps.onStatus(this.status());
  }
}
