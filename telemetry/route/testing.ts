/** Test helpers for route compliance: small hand-made street grids in GeoJSON. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../../kernel/testing.ts';
import type { Position } from '../../kernel/types/index.ts';
import { readTrace } from '../trace/index.ts';
import type { RoadLine } from './roads.ts';

/** Metres → degrees near (lat0, lon0). */
export const ORIGIN = { lat: 34.74, lon: -86.58 };
export const dLat = (m: number): number => m / 111_195;
export const dLon = (m: number): number => m / (111_195 * Math.cos((ORIGIN.lat * Math.PI) / 180));
export const at = (xM: number, yM: number): [number, number] => [ORIGIN.lon + dLon(xM), ORIGIN.lat + dLat(yM)];

/**
 * A 3 × 3 block grid, 100 m blocks: east–west streets "Row 0..3" at y = 0, 100, 200, 300 and north–south streets
 * "Col 0..3" at x = 0, 100, 200, 300, each one line through all intersections.
 */
export function gridLines(): RoadLine[] {
  const lines: RoadLine[] = [];
  for (let i = 0; i <= 3; i++) {
    lines.push({ id: `row${i}`, name: `Row ${i}`, coords: [0, 100, 200, 300].map((x) => at(x, i * 100)) });
    lines.push({ id: `col${i}`, name: `Col ${i}`, coords: [0, 100, 200, 300].map((y) => at(i * 100, y)) });
  }
  return lines;
}

export function geojson(lines: readonly RoadLine[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: lines.map((l) => ({
      type: 'Feature',
      properties: { id: l.id, ...(l.name ? { name: l.name } : {}) },
      geometry: { type: 'LineString', coordinates: l.coords },
    })),
  });
}

/** Write lines as a GeoJSON file in a temp dir; returns its path. */
export function writeLines(lines: readonly RoadLine[], name = 'streets.geojson'): string {
  const file = path.join(tempDir('gw-route-'), name);
  writeFileSync(file, geojson(lines));
  return file;
}

/** A sweeper working Row 1 then Row 2 of gridLines() back and forth at ~6 km/h, a fix every 10 s, in [from, to). */
export function sweep(vehicleId: string, from: number, to: number): Position[] {
  const out: Position[] = [];
  let x = 0;
  let dir = 1;
  for (let t = from, i = 0; t < to; t += 10_000, i++) {
    x += dir * 16.6;
    if (x > 300 || x < 0) dir = -dir;
    const [lon, lat] = at(Math.max(0, Math.min(300, x)), Math.floor(i / 40) % 2 === 0 ? 101 : 199);
    out.push({ vehicleId, ts: t, lat, lon, work: { active: true }, receivedAt: t, late: false });
  }
  return out;
}

/**
 * The real Jersey City S-4 trace of 2015-12-10 (demo/traces) as the pipeline hands it on: in order, duplicates dropped.
 */
export function s4Positions(): Position[] {
  const file = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
  const out: Position[] = [];
  for (const f of readTrace(file, { tz: 'America/New_York' })) {
    if (f.vehicleId !== 'S-4' || (out.length > 0 && f.ts <= out[out.length - 1]!.ts)) continue;
    out.push({
      vehicleId: 'S-4',
      ts: f.ts,
      lat: f.lat,
      lon: f.lon,
      work: { active: true },
      receivedAt: f.ts,
      late: false,
    });
  }
  return out;
}
