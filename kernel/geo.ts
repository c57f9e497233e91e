/** Geometry shared by both pipelines. Lon/lat in WGS-84 degrees; image points in relative 0..1 coordinates. */
import { booleanPointInPolygon, point, polygon } from '@turf/turf';

export type XY = readonly [number, number];

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Mean earth radius in metres (the one turf uses). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine; no allocation, so fine in per-fix loops). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
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
