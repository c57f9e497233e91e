/** Distance from a point to the nearest assigned segment (within a radius), using the network's index. */
import type { RoadNetwork } from './network.ts';

/** Metres to the nearest segment of `assigned` within `radius`, or Infinity. */
export function distanceToAssigned(
  net: RoadNetwork,
  assigned: ReadonlySet<number>,
  x: number,
  y: number,
  radius: number,
): number {
  let best = Infinity;
  for (const s of net.index.search(x - radius, y - radius, x + radius, y + radius)) {
    if (!assigned.has(s)) continue;
    const d = net.distanceTo(s, x, y);
    if (d < best) best = d;
  }
  return best <= radius ? best : Infinity;
}
