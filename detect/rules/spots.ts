/**
 * Spots: places in a zone where something that can make a finding keeps being seen. A spot is anchored where it was
 * first seen and never follows a moving object, so a passer-by leaves it within seconds; it tolerates short gaps
 * (missed detections, occlusion, tracker id switches) because it belongs to the place, not to a track.
 */
import type { XY } from '../../kernel/geo.ts';
import type { Box } from '../../kernel/types/index.ts';
import { distance, footprint } from './geometry.ts';
import type { Candidate } from './observation.ts';

export interface Spot {
  readonly anchor: XY;
  readonly radius: number;
  readonly region: Box;
  readonly label: string;
  readonly score: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Observations in which something was at the spot, and observations since it was first seen. */
  readonly seen: number;
  readonly frames: number;
  /** The latest candidate at the spot may not start a hit (Candidate.held). */
  readonly held: boolean;
}

export interface SpotParams {
  /** Smallest match radius, relative units. */
  readonly matchRadius: number;
  /** A spot not seen for longer than this is forgotten. */
  readonly gapMs: number;
}

function radiusFor(region: Box, p: SpotParams): number {
  return Math.max(p.matchRadius, 0.25 * Math.max(region.x2 - region.x1, region.y2 - region.y1));
}

/** Match this observation's anchor candidates to the spots (nearest first, one each) and age the rest. */
export function updateSpots(
  spots: readonly Spot[],
  candidates: readonly Candidate[],
  p: SpotParams,
  now: number,
): Spot[] {
  const pairs: { s: number; c: number; d: number }[] = [];
  candidates.forEach((cand, c) => {
    const f = footprint(cand.region);
    spots.forEach((spot, s) => {
      const d = distance(f, spot.anchor);
      if (d <= spot.radius) pairs.push({ s, c, d });
    });
  });
  pairs.sort((a, b) => a.d - b.d);
  const spotTaken = new Set<number>();
  const candTaken = new Set<number>();
  const next = spots.map((s) => ({ ...s, frames: s.frames + 1 }));
  for (const { s, c } of pairs) {
    if (spotTaken.has(s) || candTaken.has(c)) continue;
    spotTaken.add(s);
    candTaken.add(c);
    const cand = candidates[c]!;
    next[s] = {
      ...next[s]!,
      region: cand.region,
      label: cand.label,
      score: cand.score,
      lastSeen: now,
      seen: next[s]!.seen + 1,
      held: cand.held === true,
    };
  }
  candidates.forEach((cand, c) => {
    if (candTaken.has(c)) return;
    const anchor = footprint(cand.region);
    next.push({
      anchor,
      radius: radiusFor(cand.region, p),
      region: cand.region,
      label: cand.label,
      score: cand.score,
      firstSeen: now,
      lastSeen: now,
      seen: 1,
      frames: 1,
      held: cand.held === true,
    });
  });
  return next.filter((s) => now - s.lastSeen <= p.gapMs);
}

/** Is something at the spot now, not held, after it has been occupied for the dwell, most of that time? */
export function spotReady(s: Spot, dwellMs: number, minFill: number, now: number): boolean {
  return !s.held && s.lastSeen === now && now - s.firstSeen >= dwellMs && s.seen / s.frames >= minFill;
}
