/** Class-aware greedy non-maximum suppression over decoded candidates. */
import type { Candidates } from './decode/index.ts';

export function iou(
  ax1: number,
  ay1: number,
  ax2: number,
  ay2: number,
  bx1: number,
  by1: number,
  bx2: number,
  by2: number,
): number {
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  if (iw <= 0) return 0;
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Indices of the kept candidates, best score first: a candidate is dropped when a better one of the same class
 * overlaps it by more than `threshold` IoU. At most `maxKeep` survive.
 */
export function nms(c: Candidates, threshold: number, maxKeep = 300): number[] {
  const order = Array.from({ length: c.count }, (_, i) => i).sort((a, b) => c.score[b]! - c.score[a]!);
  const kept: number[] = [];
  const removed = new Uint8Array(c.count);
  for (let i = 0; i < order.length && kept.length < maxKeep; i++) {
    const a = order[i]!;
    if (removed[a]) continue;
    kept.push(a);
    const cls = c.cls[a]!;
    for (let j = i + 1; j < order.length; j++) {
      const b = order[j]!;
      if (removed[b] || c.cls[b] !== cls) continue;
      if (iou(c.x1[a]!, c.y1[a]!, c.x2[a]!, c.y2[a]!, c.x1[b]!, c.y1[b]!, c.x2[b]!, c.y2[b]!) > threshold)
        removed[b] = 1;
    }
  }
  return kept;
}
