/** Test helpers for route compliance: small hand-made street grids in GeoJSON. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../kernel/testing.ts';
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
    features: lines.map((l) => ({ type: 'Feature', properties: { id: l.id, ...(l.name ? { name: l.name } : {}) }, geometry: { type: 'LineString', coordinates: l.coords } })),
  });
}

/** Write lines as a GeoJSON file in a temp dir; returns its path. */
export function writeLines(lines: readonly RoadLine[], name = 'streets.geojson'): string {
  const file = path.join(tempDir('gw-route-'), name);
  writeFileSync(file, geojson(lines));
  return file;
}
