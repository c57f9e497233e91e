/** Geometry shared by both pipelines. Lon/lat in WGS-84 degrees; image points in relative 0..1 coordinates. */
import { booleanPointInPolygon, distance, point, polygon } from '@turf/turf';

export type XY = readonly [number, number];

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Great-circle distance in metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  return distance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'meters' });
}

/** Is the point inside the closed or open ring (first point need not repeat at the end)? */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  if (ring.length < 3) return false;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  return booleanPointInPolygon(point([p[0], p[1]]), polygon([closed.map((q) => [q[0], q[1]])]));
}

/** Bounding box [minX, minY, maxX, maxY] of a ring. */
export function ringBounds(ring: readonly XY[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
