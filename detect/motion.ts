/**
 * Per-camera motion gate (as Frigate does): a small grey thumbnail of each frame is compared with the thumbnail of
 * the frame the detector last ran on. No change → the detector is skipped; still scenes are re-checked on a slower
 * schedule so an object that stopped moving (a stall set up and left standing) is still seen.
 */
import type { MotionConfig } from '../kernel/config/models.ts';
import type { Frame } from '../kernel/types/index.ts';

export type MotionReason = 'first' | 'motion' | 'recheck' | 'confirm' | 'still' | 'always';

export interface MotionResult {
  /** Run the detector on this frame. */
  readonly run: boolean;
  readonly reason: MotionReason;
  /** Fraction of thumbnail pixels that changed since the last detector run (0..1). */
  readonly changed: number;
}

/** Box-averaged grey thumbnail `tw` wide (sampling every other pixel in each cell: cheap and noise-robust). */
export function greyThumbnail(
  frame: Frame,
  tw: number,
  out?: Uint8Array,
): { data: Uint8Array; width: number; height: number } {
  const width = Math.max(1, Math.min(tw, frame.width));
  const height = Math.max(1, Math.round((frame.height * width) / frame.width));
  const data = out && out.length === width * height ? out : new Uint8Array(width * height);
  const src = frame.data;
  const cw = frame.width / width;
  const ch = frame.height / height;
  const step = cw >= 4 && ch >= 4 ? 2 : 1;
  for (let ty = 0; ty < height; ty++) {
    const y0 = Math.floor(ty * ch);
    const y1 = Math.max(y0 + 1, Math.floor((ty + 1) * ch));
    for (let tx = 0; tx < width; tx++) {
      const x0 = Math.floor(tx * cw);
      const x1 = Math.max(x0 + 1, Math.floor((tx + 1) * cw));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y += step) {
        let i = (y * frame.width + x0) * 3;
        for (let x = x0; x < x1; x += step, i += 3 * step) {
          sum += src[i]! * 77 + src[i + 1]! * 150 + src[i + 2]! * 29;
          n++;
        }
      }
      data[ty * width + tx] = n ? Math.round(sum / n / 256) : 0;
    }
  }
  return { data, width, height };
}

export class MotionGate {
  private reference: Uint8Array | undefined;
  private current: Uint8Array | undefined;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(private readonly params: MotionConfig) {}

  /** `confirm`: run anyway (new tentative tracks wait for a second look). */
  check(frame: Frame, now: number, confirm = false): MotionResult {
    if (!this.params.enabled) return { run: true, reason: 'always', changed: 1 };
    const thumb = greyThumbnail(frame, this.params.width, this.current);
    this.current = thumb.data;
    const ref = this.reference;
    let result: MotionResult;
    if (!ref || ref.length !== thumb.data.length) {
      result = { run: true, reason: 'first', changed: 1 };
    } else {
      let changed = 0;
      for (let i = 0; i < ref.length; i++) if (Math.abs(ref[i]! - thumb.data[i]!) >= this.params.pixelDelta) changed++;
      const fraction = changed / ref.length;
      const moving = changed > 0 && fraction >= this.params.minChangedFraction;
      const due = now - this.lastRun >= this.params.recheckSeconds * 1000;
      const reason: MotionReason = moving ? 'motion' : due ? 'recheck' : confirm ? 'confirm' : 'still';
      result = { run: reason !== 'still', reason, changed: fraction };
    }
    if (result.run) {
      // The analysed frame becomes the reference; swap buffers so neither is reallocated.
      this.current = ref && ref.length === thumb.data.length ? ref : undefined;
      this.reference = thumb.data;
      this.lastRun = now;
    }
    return result;
  }
}
