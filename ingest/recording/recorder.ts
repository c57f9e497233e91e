/**
 * `recordings` component: recording (录像) beyond the evidence ring for cameras with `record.mode` continuous or
 * events. The segments are the ring's own files (one ffmpeg per camera, video copied); this indexes them in the
 * database, applies each camera's retention, events spans and quota (evidence of open cases kept), reports the
 * recording health per camera, and makes MP4s of spans on demand (ffmpeg concat, `-c copy`) for playback and export.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Component } from '../../kernel/component.ts';
import type { CameraConfig } from '../../kernel/config/schema.ts';
import { type RecordConfig, recordingOf, retentionMs } from '../../kernel/config/recording.ts';
import type { AppContext } from '../../kernel/context.ts';
import { GridwatchError, errorMessage } from '../../kernel/errors.ts';
import type { MainStore } from '../../kernel/store.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import { cutClip } from '../clip.ts';
import { removeOlderThan, type Segment, type SegmentRing } from '../ring.ts';
import { IMAGE_EXT } from '../source.ts';
import { RecordingIndex } from './index-store.ts';
import { segmentsToDelete, type Window } from './policy.ts';
import { clipSpans, mergeSpans, type RecordingHealth, recordingHealth, type Span } from './spans.ts';

/** What the recorder needs to know about hits and cases (the cases module answers; wired in app.ts). */
export interface RecordingWindows {
  /** Hits of a camera overlapping [from, to]: start and end (or last seen). */
  hits(cameraId: string, from: number, to: number): Window[];
  /** Spans to keep whatever the retention and quota: hits of the camera's open cases. */
  protectedWindows(cameraId: string): Window[];
}

export interface RecorderDeps {
  readonly ring: SegmentRing;
  readonly store: MainStore;
  readonly windows: () => RecordingWindows | undefined;
}

/** Cameras whose segments the recorder keeps (the ring's sweep leaves them alone). */
export function recordedCameras(cameras: readonly CameraConfig[]): Map<string, RecordConfig> {
  const out = new Map<string, RecordConfig>();
  for (const c of cameras) {
    const r = recordingOf(c.record);
    // a still camera (an image) writes no segments: nothing to record
    if (c.enabled && r && r.mode !== 'off' && !IMAGE_EXT.has(path.extname(c.source).toLowerCase())) out.set(c.id, r);
  }
  return out;
}

const DAY = 86_400_000;
/** Gaps shorter than this are segment boundaries, not blind spots. */
const GAP_TOLERANCE_MS = 5000;
/** Longest span one playback MP4 covers. */
export const MAX_SPAN_MS = 60 * 60_000;

export class Recorder implements Component {
  readonly name = 'recordings';
  readonly cameras: ReadonlyMap<string, RecordConfig>;
  private index?: RecordingIndex;
  private timer: NodeJS.Timeout | undefined;
  private deleted = 0;
  /** When each camera's index was last synced with its folder (wall clock). */
  private readonly synced = new Map<string, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: RecorderDeps,
  ) {
    this.cameras = recordedCameras(ctx.config.cameras);
  }

  private get idx(): RecordingIndex {
    if (!this.index) throw new Error('recordings not started');
    return this.index;
  }

  async start(): Promise<void> {
    this.index = new RecordingIndex(this.deps.store.db);
    const now = this.ctx.clock.now();
    for (const id of this.cameras.keys()) this.index.since(id, now);
    this.sweep();
    const every = Math.min(10, this.ctx.config.media.segmentSeconds) * 1000;
    this.timer = setInterval(() => this.sweep(), every);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  health(): ComponentHealth {
    let bytes = 0;
    let segments = 0;
    for (const id of this.cameras.keys()) {
      const u = this.index?.usage(id) ?? { bytes: 0, segments: 0 };
      bytes += u.bytes;
      segments += u.segments;
    }
    const stats = { cameras: this.cameras.size, segments, bytes, deleted: this.deleted };
    return { state: 'ok', detail: `${this.cameras.size} cameras recorded`, stats };
  }

  /** Index the segments on disk and delete what retention, events mode and quota say; returns files deleted. */
  sweep(): number {
    const now = this.ctx.clock.now();
    let deleted = 0;
    for (const [id, rec] of this.cameras) {
      try {
        deleted += this.sweepCamera(id, rec, now);
      } catch (err) {
        this.ctx.log.warn({ camera: id, err: errorMessage(err) }, 'recording sweep failed');
      }
    }
    removeOlderThan(this.cacheDir(), now - 15 * 60_000);
    this.deleted += deleted;
    return deleted;
  }

  private sweepCamera(id: string, rec: RecordConfig, now: number): number {
    const onDisk = this.deps.ring.segments(id);
    this.idx.sync(id, onDisk);
    this.synced.set(id, Date.now());
    const windows = this.deps.windows();
    const ringMs = this.ctx.config.media.retentionMinutes * 60_000;
    const retainMs = Math.max(retentionMs(rec), ringMs);
    const doomed = segmentsToDelete(onDisk, {
      now,
      retainMs,
      ringMs,
      quotaBytes: rec.quotaGb * 1024 ** 3,
      protect: windows?.protectedWindows(id) ?? [],
      ...(rec.mode === 'events' ? { events: this.eventWindows(id, rec, now - retainMs, now) } : {}),
    });
    const gone: string[] = [];
    for (const s of doomed) {
      try {
        rmSync(s.file, { force: true });
        gone.push(s.file);
      } catch (err) {
        this.ctx.log.warn({ camera: id, file: s.file, err: errorMessage(err) }, 'cannot delete recorded segment');
      }
    }
    this.idx.remove(gone);
    const last = Math.max(0, ...doomed.filter((s) => gone.includes(s.file)).map((s) => s.end));
    if (last > 0) this.idx.pruned(id, last);
    return gone.length;
  }

  private eventWindows(id: string, rec: RecordConfig, from: number, to: number): Window[] {
    const hits = this.deps.windows()?.hits(id, from, to) ?? [];
    return hits.map((h) => ({ from: h.from - rec.preSeconds * 1000, to: h.to + rec.postSeconds * 1000 }));
  }

  /** Indexed segments of a camera overlapping [from, to], oldest first (the index brought up to date first). */
  segments(cameraId: string, from?: number, to?: number): Segment[] {
    this.refresh(cameraId);
    return this.idx.segments(cameraId, from, to);
  }

  /** The live segment grows between sweeps: re-read the camera's folder when the index is older than 2 s. */
  private refresh(cameraId: string): void {
    const now = Date.now();
    if (!this.cameras.has(cameraId) || now - (this.synced.get(cameraId) ?? 0) < 2000) return;
    this.idx.sync(cameraId, this.deps.ring.segments(cameraId));
    this.synced.set(cameraId, now);
  }

  /** Recorded spans of a camera inside [from, to]. */
  spans(cameraId: string, from: number, to: number): Span[] {
    return clipSpans(mergeSpans(this.segments(cameraId, from, to)), from, to);
  }

  /**
   * Hours recorded vs expected over the last day (or the retention, when shorter) since recording began and after
   * what retention deleted; gaps are blind spots.
   */
  recordingHealth(cameraId: string): RecordingHealth | undefined {
    const rec = this.cameras.get(cameraId);
    if (!rec) return undefined;
    const now = this.ctx.clock.now();
    const since = this.idx.since(cameraId, now);
    // what retention deleted was recorded: health counts from the end of the newest deleted segment
    const from = Math.max(since, now - Math.min(DAY, retentionMs(rec)), this.idx.prunedTo(cameraId));
    const expected = rec.mode === 'events' ? this.eventWindows(cameraId, rec, from, now) : [{ from, to: now }];
    const bounded = clipSpans(
      expected.map((w) => ({ start: w.from, end: w.to })),
      from,
      now,
    ).map((s) => ({ from: s.start, to: s.end }));
    return recordingHealth(this.spans(cameraId, from, now), bounded, GAP_TOLERANCE_MS);
  }

  /** An MP4 of [from, to] joined from the camera's segments (video copied), cached for a while. */
  async spanVideo(cameraId: string, from: number, to: number): Promise<string> {
    const out = path.join(this.cacheDir(), `${cameraId}-${Math.round(from)}-${Math.round(to)}.mp4`);
    if (existsSync(out)) return out;
    return this.cut(cameraId, from, to, out);
  }

  /** Cut [from, to] into `out` (MP4, video copied, across segment boundaries). */
  async cut(cameraId: string, from: number, to: number, out: string): Promise<string> {
    if (!(to > from)) throw new GridwatchError('bad_request', `span end ${to} is not after its start ${from}`);
    if (to - from > MAX_SPAN_MS) throw new GridwatchError('bad_request', 'a span is at most 60 minutes');
    const segs = this.segments(cameraId, from, to);
    if (segs.length === 0) {
      throw new GridwatchError(
        'clip_unavailable',
        `no recording of camera "${cameraId}" covers ${new Date(from).toISOString()}–${new Date(to).toISOString()}`,
      );
    }
    const tmp = `${out}.part.mp4`;
    try {
      await cutClip(segs, from, to, tmp);
      renameSync(tmp, out);
    } finally {
      rmSync(tmp, { force: true });
    }
    return out;
  }

  private cacheDir(): string {
    return path.join(this.ctx.dataDir, 'playback');
  }
}
