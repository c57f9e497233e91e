/** Candidate road positions for one fix: segments within a radius, nearest first, one per distinct position. */
import type { RoadNetwork } from './network.ts';

export interface Candidate {
  readonly seg: number;
  /** Metres from the segment's first node. */
  readonly t: number;
  /** Distance from the fix, metres. */
  readonly dist: number;
}

export interface CandidateParams {
  readonly radiusM: number;
  /** Candidates further than the nearest + this are dropped. */
  readonly pruneM: number;
  readonly max: number;
}

export function candidates(net: RoadNetwork, x: number, y: number, p: CandidateParams): Candidate[] {
  const r = p.radiusM;
  const found: Candidate[] = [];
  const { nodeX, nodeY, segA, segB } = net;
  for (const s of net.index.search(x - r, y - r, x + r, y + r)) {
    const ax = nodeX[segA[s]!]!;
    const ay = nodeY[segA[s]!]!;
    const dx = nodeX[segB[s]!]! - ax;
    const dy = nodeY[segB[s]!]! - ay;
    const len2 = dx * dx + dy * dy;
    let u = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
    u = Math.min(Math.max(u, 0), 1);
    const qx = ax + u * dx - x;
    const qy = ay + u * dy - y;
    const dist = Math.sqrt(qx * qx + qy * qy);
    if (dist <= r) found.push({ seg: s, t: u * Math.sqrt(len2), dist });
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a.dist - b.dist);
  const limit = found[0]!.dist + p.pruneM;
  const out: Candidate[] = [];
  const nodes: number[] = [];
  for (const c of found) {
    if (c.dist > limit || out.length >= p.max) break;
    // A candidate that sits on an end node of a closer candidate's segment is the same position: drop it (the
    // road beyond that node stays reachable through the transitions).
    const len = net.segLen[c.seg]!;
    const node = c.t <= 0.01 ? net.segA[c.seg]! : c.t >= len - 0.01 ? net.segB[c.seg]! : -1;
    if (node >= 0 && nodes.includes(node)) continue;
    out.push(c);
    nodes.push(net.segA[c.seg]!, net.segB[c.seg]!);
  }
  return out;
}
