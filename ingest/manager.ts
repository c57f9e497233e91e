/**
 * `cameras` component: one CameraRunner per enabled camera, status on the bus (`camera.status`), the evidence ring
 * (retention and quota swept here), snapshots and clips for the rules. One camera's failure never touches another.
 */
import path from 'node:path';
import type { Component } from '../kernel/component.ts';
import type { CameraConfig } from '../kernel/config/schema.ts';
import type { AppContext } from '../kernel/context.ts';
import { GridwatchError, errorMessage } from '../kernel/errors.ts';
import type { CameraStatus, ComponentHealth, Frame } from '../kernel/types/index.ts';
import type { BackoffParams } from './backoff.ts';
import { PtzWatch } from './onvif/ptz-watch.ts';
import { CameraRunner, type CameraRunnerDeps } from './camera.ts';
import { cutClip, stillClip } from './clip.ts';
import { segmentPattern } from './ffmpeg-args.ts';
import { frameToJpeg } from './jpeg.ts';
import type { MediaServer } from './media-server.ts';
import { recordedCameras } from './recording/recorder.ts';
import { SegmentRing, overlapping, removeOlderThan } from './ring.ts';
import { parseSource, type SourceSpec } from './source.ts';
import { frameAt, segmentAt } from './still-at.ts';

export interface CameraManagerOptions {
  /** Every analysed frame, in order per camera. A throwing or rejecting consumer is logged; the camera goes on. */
  readonly onFrame: (frame: Frame) => void | Promise<void>;
  /** The live relay, when running: sources aimed at it get a service play token. */
  readonly media?: MediaServer;
  readonly backoff?: BackoffParams;
  /** The input width of a camera's model (the detector's): the default analysis width of `cameras[].detect`. */
  readonly modelWidth?: (cameraId: string) => number | undefined;
  /** Video nodes: no camera runs at start; each runs while this node holds its lease (`startCamera`/`stopCamera`). */
  readonly leased?: boolean;
}

interface Entry {
  readonly camera: CameraConfig;
  readonly spec?: SourceSpec;
  runner?: CameraRunner;
  /** PTZ cameras: where the camera looks (ONVIF). */
  ptz?: PtzWatch;
  /** Why the camera could not even be set up (bad source string). */
  readonly error?: string;
  recordPausedUntil: number;
}

/** A recording write error pauses recording (not analysis) for this long. */
const RECORD_PAUSE_MS = 60_000;

export class CameraManager implements Component {
  readonly name = 'cameras';
  readonly ring: SegmentRing;
  private readonly entries = new Map<string, Entry>();
  private sweeper: NodeJS.Timeout | undefined;
  /** Cameras recorded beyond the ring: their segments are the recorder's to delete (ingest/recording/). */
  private readonly recorded: ReadonlySet<string>;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: CameraManagerOptions,
  ) {
    this.ring = new SegmentRing(path.join(ctx.dataDir, 'recordings'), ctx.log);
    this.recorded = new Set(recordedCameras(ctx.config.cameras).keys());
  }

  async start(): Promise<void> {
    if (!this.opts.leased) for (const camera of this.ctx.config.cameras.filter((c) => c.enabled)) this.add(camera);
    const every = Math.min(10, this.ctx.config.media.segmentSeconds) * 1000;
    this.sweeper = setInterval(() => this.sweep(), every);
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    for (const e of this.entries.values()) {
      e.ptz?.stop();
      e.runner?.stop();
    }
  }

  /** Start an enabled camera that is not running (a video node acquired its lease); false when there is none. */
  startCamera(cameraId: string): boolean {
    const camera = this.ctx.config.cameras.find((c) => c.enabled && c.id === cameraId);
    if (!camera || this.entries.has(cameraId)) return false;
    this.add(camera);
    return true;
  }

  /** Stop a camera at once (its lease was lost or given up): no frame of it reaches `onFrame` after this. */
  stopCamera(cameraId: string): void {
    const e = this.entries.get(cameraId);
    this.entries.delete(cameraId);
    e?.ptz?.stop();
    e?.runner?.stop();
  }

  health(): ComponentHealth {
    const all = this.statuses();
    const count = (s: string): number => all.filter((c) => c.state === s).length;
    const online = count('online');
    const stats = {
      cameras: all.length,
      online,
      offline: count('offline'),
      stalled: count('stalled'),
      starting: count('starting'),
    };
    const detail = `${online} of ${all.length} cameras online`;
    return { state: online === all.length ? 'ok' : 'degraded', detail, stats };
  }

  /** Status of every enabled camera, in config order. */
  statuses(): CameraStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  status(cameraId: string): CameraStatus | undefined {
    const e = this.entries.get(cameraId);
    return e && this.statusOf(e);
  }

  /** The last frame handed to the pipeline for a camera. */
  latestFrame(cameraId: string): Frame | undefined {
    return this.entries.get(cameraId)?.runner?.latestFrame();
  }

  /** JPEG of the camera's latest analysed frame. */
  async snapshot(cameraId: string, quality = 85): Promise<Buffer> {
    const frame = this.latestFrame(cameraId);
    if (!frame) throw new GridwatchError('no_frame', `camera "${cameraId}" has no frame yet`);
    return frameToJpeg(frame, quality);
  }

  /**
   * MP4 of camera `cameraId` from `fromMs` to `toMs` (epoch ms), cut from its recorded ring (video copied, cut at the
   * keyframe before `fromMs`); a still camera's picture as video. Waits until `toMs` has passed. Path under
   * dataDir/clips.
   */
  async clip(cameraId: string, fromMs: number, toMs: number): Promise<string> {
    const e = this.entries.get(cameraId);
    if (!e?.spec) throw new GridwatchError('unknown_camera', `no enabled camera "${cameraId}"`);
    if (!(toMs > fromMs)) throw new GridwatchError('bad_request', `clip end ${toMs} is not after its start ${fromMs}`);
    const wait = toMs + 500 - this.ctx.clock.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 10 * 60_000)));
    const out = path.join(this.ctx.dataDir, 'clips', `${cameraId}-${Math.round(fromMs)}-${Math.round(toMs)}.mp4`);
    if (e.spec.kind === 'image') return stillClip(e.spec.input, (toMs - fromMs) / 1000, out);
    const segs = overlapping(this.ring.segments(cameraId), fromMs, toMs);
    if (segs.length === 0) {
      throw new GridwatchError(
        'clip_unavailable',
        `no recording of camera "${cameraId}" covers ${new Date(fromMs).toISOString()}–${new Date(toMs).toISOString()}`,
      );
    }
    return cutClip(segs, fromMs, toMs, out);
  }

  private add(camera: CameraConfig): void {
    let spec: SourceSpec;
    try {
      spec = parseSource(camera.source, this.ctx.baseDir);
    } catch (err) {
      this.ctx.log.error({ camera: camera.id, err: errorMessage(err) }, 'camera not started');
      this.entries.set(camera.id, { camera, error: errorMessage(err), recordPausedUntil: 0 });
      this.publish({
        cameraId: camera.id,
        state: 'offline',
        fps: 0,
        restarts: 0,
        error: errorMessage(err),
        ts: this.ctx.clock.now(),
      });
      return;
    }
    const media = this.opts.media;
    const input =
      media && (spec.kind === 'rtmp' || spec.kind === 'http') ? { ...spec, input: media.signSource(spec.input) } : spec;
    const ptz = camera.ptz ? new PtzWatch(camera.id, camera.ptz, this.ctx.log) : undefined;
    const entry: Entry = { camera, spec, recordPausedUntil: 0, ...(ptz ? { ptz } : {}) };
    const sub = this.subStream(camera);
    if (sub === null) return;
    const runner = new CameraRunner(camera, {
      ...sub,
      ...(ptz ? { view: () => ptz.current() } : {}),
      spec: input,
      log: this.ctx.log,
      clock: this.ctx.clock,
      onFrame: this.opts.onFrame,
      onStatus: (s) => this.publish(s),
      backoff: this.opts.backoff,
      recordTarget: (run) => this.recordTarget(entry, run),
      onRecordFailure: (error) => {
        entry.recordPausedUntil = this.ctx.clock.now() + RECORD_PAUSE_MS;
        this.ctx.log.warn({ camera: camera.id, error }, 'recording failed; analysing without recording for a while');
      },
    });
    entry.runner = runner;
    this.entries.set(camera.id, entry);
    ptz?.start();
    runner.start();
  }

  /**
   * `cameras[].detect`: the analysis size and rate (the model's width by default) and the sub stream to decode, if
   * any; null (logged, camera offline) when the sub stream URL is unusable.
   */
  private subStream(camera: CameraConfig): Pick<CameraRunnerDeps, 'analysis' | 'detectSpec'> | null {
    const d = camera.detect;
    if (!d) return {};
    const width = d.width ?? this.opts.modelWidth?.(camera.id) ?? camera.width;
    const analysis = { width, fps: d.fps ?? camera.fps };
    if (!d.url) return { analysis };
    try {
      const detectSpec = parseSource(d.url, this.ctx.baseDir);
      if (detectSpec.kind === 'image') throw new Error('a sub stream must be a stream or a video, not an image');
      return { analysis, detectSpec };
    } catch (err) {
      const error = `detect.url: ${errorMessage(err)}`;
      this.ctx.log.error({ camera: camera.id, err: error }, 'camera not started');
      this.entries.set(camera.id, { camera, error, recordPausedUntil: 0 });
      this.publish({ cameraId: camera.id, state: 'offline', fps: 0, restarts: 0, error, ts: this.ctx.clock.now() });
      return null;
    }
  }

  /**
   * The recorded main-stream picture of camera `cameraId` at `ts`, at full resolution — only for cameras analysed on
   * smaller frames (`cameras[].detect`) that record; undefined otherwise or when the ring does not hold `ts` (yet).
   */
  async still(cameraId: string, ts: number): Promise<Frame | undefined> {
    const e = this.entries.get(cameraId);
    if (!e?.camera.detect || !e.camera.record || !e.spec || e.spec.kind === 'image') return undefined;
    for (let attempt = 0; attempt < 8; attempt++) {
      const seg = segmentAt(this.ring.segments(cameraId), ts);
      if (seg) {
        try {
          return await frameAt(seg, ts, cameraId);
        } catch (err) {
          this.ctx.log.debug({ camera: cameraId, err: errorMessage(err) }, 'still not readable yet');
        }
      }
      if (this.ctx.clock.now() - ts > 30_000) return undefined;
      await new Promise((r) => setTimeout(r, 500));
    }
    return undefined;
  }

  private recordTarget(entry: Entry, run: number): { pattern: string; segmentSeconds: number } | undefined {
    if (!entry.camera.record || this.ctx.clock.now() < entry.recordPausedUntil) return undefined;
    if (!this.ring.prepare(entry.camera.id)) return undefined;
    return {
      pattern: segmentPattern(this.ring.cameraDir(entry.camera.id), run),
      segmentSeconds: this.ctx.config.media.segmentSeconds,
    };
  }

  private statusOf(e: Entry): CameraStatus {
    return (
      e.runner?.status() ?? {
        cameraId: e.camera.id,
        state: 'offline',
        fps: 0,
        restarts: 0,
        error: e.error,
        ts: this.ctx.clock.now(),
      }
    );
  }

  private publish(status: CameraStatus): void {
    this.ctx.bus.emit('camera.status', status);
  }

  private sweep(): void {
    try {
      const { retentionMinutes, quotaMb } = this.ctx.config.media;
      this.ring.sweep(this.ctx.clock.now(), { retentionMinutes, quotaMb }, this.recorded);
      removeOlderThan(path.join(this.ctx.dataDir, 'clips'), this.ctx.clock.now() - retentionMinutes * 60_000);
    } catch (err) {
      this.ctx.log.warn({ err: errorMessage(err) }, 'recording sweep failed');
    }
  }
}
