/** Small geometry on relative image coordinates (0..1) used by the scene rules. */
import type { Box } from '../../kernel/types/index.ts';
import type { XY } from '../../kernel/geo.ts';

/** A pixel box in relative coordinates of a width × height frame. */
export function relBox(box: Box, width: number, height: number): Box {
  return { x1: box.x1 / width, y1: box.y1 / height, x2: box.x2 / width, y2: box.y2 / height };
}

/** A relative box in pixels of a width × height frame. */
export function pixelBox(box: Box, width: number, height: number): Box {
  return { x1: box.x1 * width, y1: box.y1 * height, x2: box.x2 * width, y2: box.y2 * height };
}

/** The object's footprint: the bottom-centre of its box. */
export function footprint(box: Box): XY {
  return [(box.x1 + box.x2) / 2, box.y2];
}

export function union(a: Box, b: Box): Box {
  return { x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1), x2: Math.max(a.x2, b.x2), y2: Math.max(a.y2, b.y2) };
}

export function expand(b: Box, margin: number): Box {
  return { x1: b.x1 - margin, y1: b.y1 - margin, x2: b.x2 + margin, y2: b.y2 + margin };
}

export function contains(b: Box, p: XY): boolean {
  return p[0] >= b.x1 && p[0] <= b.x2 && p[1] >= b.y1 && p[1] <= b.y2;
}

export function area(b: Box): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

export function intersection(a: Box, b: Box): number {
  return area({
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
    x2: Math.min(a.x2, b.x2),
    y2: Math.min(a.y2, b.y2),
  });
}

/** Share of `a`'s area covered by `b`. */
export function coveredBy(a: Box, b: Box): number {
  const ar = area(a);
  return ar > 0 ? intersection(a, b) / ar : 0;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
