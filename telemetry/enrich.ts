/**
 * The enrich stage: speed and heading the device did not report are derived from the previous in-order fix.
 * Late fixes are left as they came (their previous fix is newer than they are).
 */
import { bearing, point } from '@turf/turf';
import { distanceM } from '../kernel/geo.ts';
import type { Position } from '../kernel/types/index.ts';

/** Below this displacement the heading is noise and is not derived. */
const MIN_HEADING_M = 5;

export function enrich(prev: Position | undefined, p: Position): Position {
  if (!prev || p.late || (p.speedKmh !== undefined && p.heading !== undefined)) return p;
  const dtS = (p.ts - prev.ts) / 1000;
  if (dtS <= 0) return p;
  const d = distanceM(prev, p);
  const speedKmh = p.speedKmh ?? Math.round((d / dtS) * 3.6 * 10) / 10;
  if (p.heading !== undefined || d < MIN_HEADING_M) return { ...p, speedKmh };
  const b = bearing(point([prev.lon, prev.lat]), point([p.lon, p.lat]));
  return { ...p, speedKmh, heading: Math.round((b + 360) % 360) };
}
