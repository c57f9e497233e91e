/**
 * Evidence of a hit: the best frame annotated (zone outline, region, boxes, caption) plus the same frame clean, and a
 * clip from the camera's recording ring around the hit's start. Everything goes into the content-addressed store.
 */
import type { XY } from '../../kernel/geo.ts';
import { localDateTime } from '../../kernel/time.ts';
import type { Evidence, Frame, Hit } from '../../kernel/types/index.ts';
import { frameToJpeg } from '../../ingest/jpeg.ts';
import { annotatedJpeg } from './overlay.ts';
import type { EvidenceStore } from '../../kernel/evidence.ts';

/** Where clips come from: the ingest CameraManager (MP4 path of [fromMs, toMs], resolved once toMs has passed). */
export interface ClipSource {
  clip(cameraId: string, fromMs: number, toMs: number): Promise<string>;
  /**
   * The main stream's full-resolution picture at `ts` for cameras analysed on smaller frames (a sub stream);
   * undefined when the analysed frame is the best picture there is.
   */
  still?(cameraId: string, ts: number): Promise<Frame | undefined>;
}

export interface RecorderOptions {
  readonly clips?: ClipSource;
  readonly beforeMs?: number;
  readonly afterMs?: number;
  /** Caption on annotated images; the category, camera, zone and local time by default. */
  readonly caption?: (hit: Hit, zoneName: string) => string;
  readonly timezone?: string;
  /** Category name shown after its code, e.g. "01-02" → "暴露垃圾". */
  readonly categoryName?: (code: string) => string | undefined;
}

export class HitEvidenceRecorder {
  readonly beforeMs: number;
  readonly afterMs: number;

  constructor(
    readonly store: EvidenceStore,
    private readonly opts: RecorderOptions = {},
  ) {
    this.beforeMs = opts.beforeMs ?? 10_000;
    this.afterMs = opts.afterMs ?? 10_000;
  }

  caption(hit: Hit, zoneName: string, ts: number, prefix = ''): string {
    if (this.opts.caption) return prefix + this.opts.caption(hit, zoneName);
    const when = localDateTime(ts, this.opts.timezone ?? 'Asia/Shanghai');
    const name = this.opts.categoryName?.(hit.category);
    return (
      `${prefix}${hit.category}${name ? ` ${name}` : ''} · ${hit.cameraId} · ${zoneName} · ` +
      `${when}${hit.repeat > 1 ? ` · 第${hit.repeat}次` : ''}`
    );
  }

  /**
   * The annotated frame and the clean frame, in that order: the main stream's full-resolution picture of the
   * moment when the camera is analysed on a sub stream and records (zone, region and boxes are relative, so they
   * land in the same place), else the analysed frame.
   */
  async frameEvidence(analysed: Frame, zone: readonly XY[], zoneName: string, hit: Hit): Promise<Evidence[]> {
    const frame = (await this.fullResolution(analysed)) ?? analysed;
    const sx = frame.width / analysed.width;
    const sy = frame.height / analysed.height;
    const boxes = hit.boxes.map((b) => ({
      ...b,
      box: { x1: b.box.x1 * sx, y1: b.box.y1 * sy, x2: b.box.x2 * sx, y2: b.box.y2 * sy },
    }));
    const annotated = await annotatedJpeg(frame, {
      zone,
      zoneName,
      region: hit.region,
      boxes,
      caption: this.caption(hit, zoneName, frame.ts),
    });
    const clean = await frameToJpeg(frame);
    return [
      await this.store.put(annotated, 'annotated', 'image/jpeg', frame.ts),
      await this.store.put(clean, 'snapshot', 'image/jpeg', frame.ts),
    ];
  }

  private async fullResolution(frame: Frame): Promise<Frame | undefined> {
    try {
      const still = await this.opts.clips?.still?.(frame.cameraId, frame.ts);
      return still && still.width > frame.width ? { ...still, ...(frame.view ? { view: frame.view } : {}) } : undefined;
    } catch {
      return undefined; // the analysed frame is evidence enough
    }
  }

  /** A re-check picture: the frame with the zone and the re-checked region outlined. */
  async recheckEvidence(
    frame: Frame,
    zone: readonly XY[],
    zoneName: string,
    hit: Hit,
    verdict: string,
  ): Promise<Evidence> {
    const jpg = await annotatedJpeg(frame, {
      zone,
      zoneName,
      region: hit.region,
      caption: this.caption(hit, zoneName, frame.ts, `核查 ${verdict} · `),
    });
    return this.store.put(jpg, 'annotated', 'image/jpeg', frame.ts);
  }

  get clipsAvailable(): boolean {
    return this.opts.clips !== undefined;
  }

  /** The clip from `beforeMs` before to `afterMs` after the hit's start, or undefined without a clip source. */
  async clipEvidence(hit: Hit): Promise<Evidence | undefined> {
    if (!this.opts.clips) return undefined;
    const file = await this.opts.clips.clip(hit.cameraId, hit.start - this.beforeMs, hit.start + this.afterMs);
    return this.store.putFile(file, 'clip', 'video/mp4', hit.start);
  }
}
