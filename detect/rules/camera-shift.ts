/**
 * Did the camera move? The zone's crop is compared with its long-term background under small whole-image shifts
 * (at 1/2 and 1/4 of the grey resolution, so slow pans of a few to ~10 grey pixels are caught). When some shift
 * matches clearly better than none, the picture moved (pan, tilt, a knocked camera): the background models must be
 * learned again, or every edge in view becomes "static foreground".
 */

interface Small {
  readonly w: number;
  readonly h: number;
  readonly d: Float32Array;
}

/** Block-average `f` × `f`. */
function shrink(src: Float32Array, w: number, h: number, f: number): Small {
  const sw = Math.floor(w / f);
  const sh = Math.floor(h / f);
  const d = new Float32Array(sw * sh);
  for (let y = 0; y < sh * f; y++) {
    const row = (Math.floor(y / f) * sw) | 0;
    for (let x = 0; x < sw * f; x++) d[row + Math.floor(x / f)]! += src[y * w + x]!;
  }
  for (let i = 0; i < d.length; i++) d[i]! /= f * f;
  return { w: sw, h: sh, d };
}

/** Mean |a − b shifted by (sx, sy)| over the inner part of the image (a margin of `r` pixels left out). */
function err(a: Small, b: Small, sx: number, sy: number, r: number): number {
  let s = 0;
  let n = 0;
  for (let y = r; y < a.h - r; y++) {
    const ra = y * a.w;
    const rb = (y + sy) * a.w + sx;
    for (let x = r; x < a.w - r; x++) s += Math.abs(a.d[ra + x]! - b.d[rb + x]!);
    n += a.w - 2 * r;
  }
  return n > 0 ? s / n : 0;
}

/** Best shift error / unshifted error at one scale (1 = no shift helps). */
function shiftGain(cur: Float32Array, bg: Float32Array, w: number, h: number, f: number, r: number): number {
  const a = shrink(cur, w, h, f);
  const b = shrink(bg, w, h, f);
  if (a.w < 4 * r || a.h < 4 * r) return 1;
  const zero = err(a, b, 0, 0, r);
  if (zero <= 0) return 1;
  let best = zero;
  for (let sy = -r; sy <= r; sy++) for (let sx = -r; sx <= r; sx++) best = Math.min(best, err(a, b, sx, sy, r));
  return best / zero;
}

/**
 * True when the crop `cur` (w × h) looks like `bg` moved by a few pixels: some shift lowers the mean difference
 * below `ratio` × the unshifted difference.
 */
export function cameraMoved(cur: Float32Array, bg: Float32Array, w: number, h: number, ratio: number): boolean {
  return shiftGain(cur, bg, w, h, 2, 3) < ratio || shiftGain(cur, bg, w, h, 4, 4) < ratio;
}
