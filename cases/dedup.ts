/** Which open case a new finding belongs to, if any: same camera zone first, else the nearest within the radius. */
import { distanceM, type LatLon } from '../kernel/geo.ts';
import type { Case } from '../kernel/types/index.ts';

export interface Where {
  readonly location?: LatLon;
  readonly cameraId?: string;
  readonly zoneId?: string;
}

export function findDuplicate(candidates: readonly Case[], where: Where, meters: number): Case | undefined {
  if (where.cameraId !== undefined) {
    const same = candidates.find((c) => c.cameraId === where.cameraId && c.zoneId === where.zoneId);
    if (same) return same;
  }
  if (!where.location) return undefined;
  let best: Case | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (!c.location) continue;
    const d = distanceM(c.location, where.location);
    if (d <= meters && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
