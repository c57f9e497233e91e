/** Downscaled grey images for the background models: area-averaged luma of an RGB24 frame. */
import type { Frame } from '../../kernel/types/index.ts';

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** Luma 0..255, row-major. */
  readonly data: Float32Array;
}

/** Average luma over blocks so the result is about `targetWidth` wide (never upscaled; big blocks are sampled). */
export function greyDownscale(frame: Pick<Frame, 'width' | 'height' | 'data'>, targetWidth = 160): GreyImage {
  const f = Math.max(1, Math.floor(frame.width / targetWidth));
  const width = Math.floor(frame.width / f);
  const height = Math.floor(frame.height / f);
  const sum = new Float32Array(width * height);
  const src = frame.data;
  const rowBytes = frame.width * 3;
  // integer luma weights (×256) summed per block; blocks of 4+ pixels are sampled every other pixel and row
  const step = f >= 4 ? 2 : 1;
  const n = Math.ceil(f / step) ** 2;
  for (let by = 0; by < height; by++) {
    for (let bx = 0; bx < width; bx++) {
      let acc = 0;
      for (let y = by * f; y < (by + 1) * f; y += step) {
        let i = y * rowBytes + bx * f * 3;
        const end = i + f * 3;
        for (; i < end; i += 3 * step) acc += 77 * src[i]! + 150 * src[i + 1]! + 29 * src[i + 2]!;
      }
      sum[by * width + bx] = acc / (256 * n);
    }
  }
  return { width, height, data: sum };
}
