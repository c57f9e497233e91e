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

  /** The annotated frame and the clean frame, in that order. */
  async frameEvidence(frame: Frame, zone: readonly XY[], zoneName: string, hit: Hit): Promise<Evidence[]> {
    const annotated = await annotatedJpeg(frame, {
      zone,
      zoneName,
      region: hit.region,
      boxes: hit.boxes,
      caption: this.caption(hit, zoneName, frame.ts),
    });
    const clean = await frameToJpeg(frame);
    return [
      await this.store.put(annotated, 'annotated', 'image/jpeg', frame.ts),
      await this.store.put(clean, 'snapshot', 'image/jpeg', frame.ts),
    ];
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
