/** Replay arithmetic, pure: the fix at a time (binary search) and the track up to it. */
import type { Position } from '../../lib/types.ts';

/** Index of the last fix at or before `ts` (0 before the first). */
export function indexAt(track: readonly Position[], ts: number): number {
  let lo = 0;
  let hi = track.length - 1;
  if (hi < 0 || ts <= track[0]!.ts) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (track[mid]!.ts <= ts) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function latLngs(track: readonly Position[], upTo = track.length - 1): [number, number][] {
  return track.slice(0, upTo + 1).map((p) => [p.lat, p.lon]);
}
