/**
 * Assigned streets drawn as lines → the network segments they follow: a segment is assigned when its two ends and its
 * middle lie within `toleranceM` of the lines. Street stretches that follow no road are reported, not ignored.
 */
import Flatbush from 'flatbush';
import { InputError } from '../../kernel/errors.ts';
import { projectOnSegment } from './geo.ts';
import type { RoadNetwork } from './network.ts';
import type { RoadLine } from './roads.ts';

export const CONFLATE_TOLERANCE_M = 10;

interface Lines {
  readonly seg: Float64Array; // ax, ay, bx, by per line segment
  readonly index: Flatbush;
}

function linesIndex(net: RoadNetwork, lines: readonly RoadLine[]): Lines {
  const flat: number[] = [];
  for (const l of lines) {
    for (let i = 1; i < l.coords.length; i++) {
      const [p, q] = [l.coords[i - 1]!, l.coords[i]!];
      flat.push(net.proj.x(p[0]), net.proj.y(p[1]), net.proj.x(q[0]), net.proj.y(q[1]));
    }
  }
  const n = flat.length / 4;
  const index = new Flatbush(Math.max(1, n));
  for (let k = 0; k < n; k++) {
    const [ax, ay, bx, by] = flat.slice(k * 4, k * 4 + 4) as [number, number, number, number];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { seg: Float64Array.from(flat), index };
}

/**
 * Is (x, y) within `tol` of a line piece, and (when a direction is given) is that piece within 20° of parallel to it?
 */
function near(l: Lines, x: number, y: number, tol: number, dx = 0, dy = 0): boolean {
  const dl = Math.hypot(dx, dy);
  for (const k of l.index.search(x - tol, y - tol, x + tol, y + tol)) {
    const s = l.seg;
    const [ax, ay, bx, by] = [s[k * 4]!, s[k * 4 + 1]!, s[k * 4 + 2]!, s[k * 4 + 3]!];
    if (projectOnSegment(x, y, ax, ay, bx, by).dist > tol) continue;
    if (dl === 0) return true;
    // the middle of a following segment projects inside the line piece, not past its end
    const len = Math.hypot(bx - ax, by - ay);
    const along = len > 0 ? ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len : 0;
    if (along < -1 || along > len + 1) continue;
    const cos = Math.abs((dx * (bx - ax) + dy * (by - ay)) / (dl * Math.hypot(bx - ax, by - ay) || 1));
    if (cos >= PARALLEL_COS) return true;
  }
  return false;
}

/** Segments must run within 20° of the street line they follow (keeps short cross-street stubs out). */
const PARALLEL_COS = Math.cos(Math.PI / 9);

/** Network segments followed by `lines`, each with the line it follows. Throws InputError naming a line when under
 * 80 % of it follows roads. */
export function conflate(
  net: RoadNetwork,
  lines: readonly RoadLine[],
  source: string,
  tol = CONFLATE_TOLERANCE_M,
): Map<number, RoadLine> {
  const idx = linesIndex(net, lines);
  const out = new Map<number, RoadLine>();
  for (const l of lines) {
    const own = linesIndex(net, [l]);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of l.coords) {
      const [x, y] = [net.proj.x(lon), net.proj.y(lat)];
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
    for (const s of net.index.search(minX - tol, minY - tol, maxX + tol, maxY + tol)) {
      const [u, v] = [net.segA[s]!, net.segB[s]!];
      const [ax, ay, bx, by] = [net.nodeX[u]!, net.nodeY[u]!, net.nodeX[v]!, net.nodeY[v]!];
      if (out.has(s) || !near(idx, ax, ay, tol) || !near(idx, bx, by, tol)) continue;
      if (near(own, (ax + bx) / 2, (ay + by) / 2, tol, bx - ax, by - ay)) out.set(s, l);
    }
  }
  for (const l of lines) checkFollowsRoads(net, l, source, tol);
  return out;
}

/** Sample the line every 5 m; too many samples far from every road → the plan is wrong for this network. */
function checkFollowsRoads(net: RoadNetwork, l: RoadLine, source: string, tol: number): void {
  let total = 0;
  let off = 0;
  for (let i = 1; i < l.coords.length; i++) {
    const [p, q] = [l.coords[i - 1]!, l.coords[i]!];
    const [ax, ay, bx, by] = [net.proj.x(p[0]), net.proj.y(p[1]), net.proj.x(q[0]), net.proj.y(q[1])];
    const len = Math.hypot(bx - ax, by - ay);
    const n = Math.max(1, Math.round(len / 5));
    for (let k = 0; k < n; k++) {
      const [x, y] = [ax + ((bx - ax) * (k + 0.5)) / n, ay + ((by - ay) * (k + 0.5)) / n];
      total += len / n;
      if (net.nearest(x, y, tol) < 0) off += len / n;
    }
  }
  if (total > 0 && off / total > 0.2) {
    throw new InputError(
      `${source}: street "${l.name ?? l.id}" does not follow the road network: ${Math.round(off)} of ` +
        `${Math.round(total)} m are more than ${tol} m from any road`,
    );
  }
}
