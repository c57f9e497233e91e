/** Greedy IoU association of tracks and detections (best pairs first), as ByteTrack's passes use it. */
import type { Box } from '../kernel/types/index.ts';
import { iou } from './nms.ts';

export function boxIou(a: Box, b: Box): number {
  return iou(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1, b.x2, b.y2);
}

export interface Match {
  readonly track: number;
  readonly detection: number;
  readonly iou: number;
}

/** Pairs (track index, detection index) with IoU ≥ minIou, each used once, highest IoU first. */
export function associate(tracks: readonly Box[], detections: readonly Box[], minIou: number): Match[] {
  const pairs: Match[] = [];
  for (const [ti, t] of tracks.entries())
    for (const [di, d] of detections.entries()) {
      const v = boxIou(t, d);
      if (v >= minIou && v > 0) pairs.push({ track: ti, detection: di, iou: v });
    }
  pairs.sort((a, b) => b.iou - a.iou);
  const usedT = new Set<number>();
  const usedD = new Set<number>();
  const out: Match[] = [];
  for (const p of pairs) {
    if (usedT.has(p.track) || usedD.has(p.detection)) continue;
    usedT.add(p.track);
    usedD.add(p.detection);
    out.push(p);
  }
  return out;
}

/** Pairs of the same label whose centres are within `maxJump` × the track box size, nearest first. */
export function associateByDistance(
  tracks: readonly { readonly box: Box; readonly label: string }[],
  detections: readonly { readonly box: Box; readonly label: string }[],
  maxJump: number,
): Match[] {
  const pairs: { track: number; detection: number; d: number }[] = [];
  tracks.forEach((t, ti) => {
    const size = Math.max(t.box.x2 - t.box.x1, t.box.y2 - t.box.y1);
    detections.forEach((d, di) => {
      if (d.label !== t.label) return;
      const dist = Math.hypot(
        (d.box.x1 + d.box.x2 - t.box.x1 - t.box.x2) / 2,
        (d.box.y1 + d.box.y2 - t.box.y1 - t.box.y2) / 2,
      );
      if (dist <= maxJump * size) pairs.push({ track: ti, detection: di, d: dist });
    });
  });
  pairs.sort((a, b) => a.d - b.d);
  const out: Match[] = [];
  for (const p of pairs) {
    if (out.some((m) => m.track === p.track || m.detection === p.detection)) continue;
    out.push({ track: p.track, detection: p.detection, iou: 0 });
  }
  return out;
}
