/**
 * Resampling tables for a separable resize, computed once per (source size, destination size).
 * The filter is ffmpeg swscale's `bilinear`: a triangle whose support widens with the shrink factor, so a
 * downscale averages every source pixel (no aliasing) and the model sees what the reference pipeline fed it.
 */

export interface ResizeTable {
  readonly src: number;
  readonly dst: number;
  /** Taps per destination pixel. */
  readonly taps: number;
  /** First source index of each destination pixel (length dst). */
  readonly start: Int32Array;
  /** Weights, dst × taps, each row summing to 1; unused taps are 0. */
  readonly weights: Float32Array;
}

export function resizeTable(src: number, dst: number): ResizeTable {
  if (!(src >= 1 && dst >= 1)) throw new RangeError(`resize ${src} → ${dst}: sizes must be ≥ 1`);
  const scale = src / dst;
  const radius = Math.max(1, scale);
  const span = Math.floor(2 * radius) + 1;
  const first = new Int32Array(dst);
  const rows: Float64Array[] = [];
  let taps = 1;
  for (let i = 0; i < dst; i++) {
    const center = (i + 0.5) * scale - 0.5;
    const lo = Math.floor(center - radius) + 1;
    // Source positions past an edge repeat the edge pixel (as swscale does); zero weights are trimmed.
    const pos: number[] = [];
    const wts: number[] = [];
    let sum = 0;
    for (let k = 0; k < span; k++) {
      const w = 1 - Math.abs(lo + k - center) / radius;
      if (w <= 0) continue;
      pos.push(Math.max(0, Math.min(lo + k, src - 1)));
      wts.push(w);
      sum += w;
    }
    const a = Math.min(...pos);
    const row = new Float64Array(Math.max(...pos) - a + 1);
    for (const [k, q] of pos.entries()) row[q - a] = (row[q - a] ?? 0) + (wts[k] ?? 0) / sum;
    first[i] = a;
    rows.push(row);
    taps = Math.max(taps, row.length);
  }
  const start = new Int32Array(dst);
  const weights = new Float32Array(dst * taps);
  rows.forEach((row, i) => {
    const a = Math.min(first[i] ?? 0, src - taps);
    start[i] = a;
    for (const [k, w] of row.entries()) weights[i * taps + (first[i] ?? 0) - a + k] = w;
  });
  return { src, dst, taps, start, weights };
}

/** True when the table copies source pixel i to destination pixel i. */
export function isIdentity(t: ResizeTable): boolean {
  return t.src === t.dst && t.taps === 1;
}
