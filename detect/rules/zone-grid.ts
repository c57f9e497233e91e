/** A zone rasterised onto the downscaled grey grid: its bounding crop and the polygon mask inside it. */
import { pointInRing, ringBounds, type XY } from '../../kernel/geo.ts';
import type { Box } from '../../kernel/types/index.ts';
import type { GreyImage } from './grey.ts';

export interface ZoneGrid {
  /** Size of the full grey image this grid belongs to. */
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Crop origin and size in grey pixels. */
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
  /** 1 where the crop pixel's centre is in the polygon (the crop extends `margin` around the zone). */
  readonly mask: Uint8Array;
  readonly inside: number;
}

export function zoneGrid(polygon: readonly XY[], imageWidth: number, imageHeight: number, margin = 0.1): ZoneGrid {
  const [bx1, by1, bx2, by2] = ringBounds(polygon);
  const [minX, minY, maxX, maxY] = [bx1 - margin, by1 - margin, bx2 + margin, by2 + margin];
  const x0 = Math.max(0, Math.floor(minX * imageWidth));
  const y0 = Math.max(0, Math.floor(minY * imageHeight));
  const w = Math.max(1, Math.min(imageWidth, Math.ceil(maxX * imageWidth)) - x0);
  const h = Math.max(1, Math.min(imageHeight, Math.ceil(maxY * imageHeight)) - y0);
  const mask = new Uint8Array(w * h);
  let inside = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p: XY = [(x0 + x + 0.5) / imageWidth, (y0 + y + 0.5) / imageHeight];
      if (pointInRing(p, polygon)) {
        mask[y * w + x] = 1;
        inside++;
      }
    }
  }
  return { imageWidth, imageHeight, x0, y0, w, h, mask, inside };
}

/** The zone's crop of a grey image. */
export function crop(img: GreyImage, g: ZoneGrid): Float32Array {
  const out = new Float32Array(g.w * g.h);
  for (let y = 0; y < g.h; y++) {
    const src = (g.y0 + y) * img.width + g.x0;
    out.set(img.data.subarray(src, src + g.w), y * g.w);
  }
  return out;
}

/** Pixel ranges of the crop covered by a relative box (half-open), or undefined when they do not meet. */
export function cropRange(g: ZoneGrid, box: Box): { x1: number; y1: number; x2: number; y2: number } | undefined {
  const x1 = Math.max(0, Math.floor(box.x1 * g.imageWidth) - g.x0);
  const y1 = Math.max(0, Math.floor(box.y1 * g.imageHeight) - g.y0);
  const x2 = Math.min(g.w, Math.ceil(box.x2 * g.imageWidth) - g.x0);
  const y2 = Math.min(g.h, Math.ceil(box.y2 * g.imageHeight) - g.y0);
  return x2 > x1 && y2 > y1 ? { x1, y1, x2, y2 } : undefined;
}

/** A box of crop pixels (inclusive bounds) in relative coordinates of the full frame. */
export function cropBoxToRel(g: ZoneGrid, b: { x1: number; y1: number; x2: number; y2: number }): Box {
  return {
    x1: (g.x0 + b.x1) / g.imageWidth,
    y1: (g.y0 + b.y1) / g.imageHeight,
    x2: (g.x0 + b.x2 + 1) / g.imageWidth,
    y2: (g.y0 + b.y2 + 1) / g.imageHeight,
  };
}
