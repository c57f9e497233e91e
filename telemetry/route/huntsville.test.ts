/**
 * Route compliance on the real Huntsville drive (Kubička et al. track 00000008, 3,093 fixes at 1 Hz, GPS noise up to
 * 72 m) against its hand-corrected ground-truth route. Read from ../shared (licence: never copied into the repo).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir, tempDir } from '../../kernel/testing.ts';
import { runCheckRoute } from './check-route-cli.ts';
import { distanceM } from '../../kernel/geo.ts';

const roads = path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_network.geojson');
const truth = path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_route_groundtruth.geojson');
const trace = path.join(sharedDir, 'geo/traces/kubicka_00000008_huntsville_al_us_trace.csv');
const start = '2026-03-02T14:00:00Z';

type Line = {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
};
const read = (f: string): Line[] => (JSON.parse(readFileSync(f, 'utf8')) as { features: Line[] }).features;
const write = (features: Line[]): string => {
  const f = path.join(tempDir('gw-route-'), 'streets.geojson');
  writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', features }));
  return f;
};
const check = (streets: string) => runCheckRoute({ trace, streets, roads, start }).reports[0]!;

describe.skipIf(!existsSync(trace))('Huntsville trace against its ground-truth route', () => {
  const route = existsSync(truth) ? read(truth) : [];
  const base = existsSync(trace) ? check(truth) : null;

  it('the true route as the assigned streets: coverage ≥ 0.9 and no off-route violation', () => {
    expect(base!.assigned_m).toBeGreaterThan(7000);
    expect(base!.coverage).toBeGreaterThanOrEqual(0.9);
    expect(base!.violations.filter((v) => v.kind === 'off-route')).toEqual([]);
  });

  it('streets never driven: coverage drops by their share and they are listed as missed', () => {
    // Network arcs starting north of 34.7595°: over 600 m north of every fix (the drive stays below 34.7537°).
    const far = read(roads).filter((f) => f.geometry.coordinates[0]![1] > 34.7595);
    const extra = far
      .slice(0, 60)
      .map((f, i) => ({ ...f, properties: { arc_id: `never-${i}`, name: `Never Driven St ${i % 3}` } }));
    const r = check(write([...route, ...extra]));
    const extraM = r.assigned_m - base!.assigned_m;
    expect(extraM).toBeGreaterThan(500);
    const expected = (base!.coverage * base!.assigned_m) / r.assigned_m;
    expect(r.coverage).toBeCloseTo(expected, 2);
    expect(r.coverage).toBeLessThan(base!.coverage - 0.05);
    const alone = check(write(extra));
    expect(alone.coverage).toBe(0);
    expect(alone.missed.length).toBeGreaterThan(20);
    expect(r.missed).toEqual(expect.arrayContaining([...alone.missed]));
    expect(r.missed_streets).toEqual(
      expect.arrayContaining(['Never Driven St 0', 'Never Driven St 1', 'Never Driven St 2']),
    );
  });

  it('half the route removed from the plan: off-route violations where the vehicle drove the removed half', () => {
    const kept = route.filter((f) => Number(f.properties.order) < route.length / 2);
    const removed = route.filter((f) => Number(f.properties.order) >= route.length / 2);
    const r = check(write(kept));
    const off = r.violations.filter((v) => v.kind === 'off-route');
    expect(off.length).toBeGreaterThan(0);
    const near = (p: { lat: number; lon: number }, lines: Line[]) =>
      lines.some((l) => l.geometry.coordinates.some(([lon, lat]) => distanceM(p, { lat, lon }) < 150));
    const points = off.flatMap((v) => v.violation.track);
    expect(points.length).toBeGreaterThan(100);
    const onRemoved = points.filter((p) => near(p, removed)).length;
    expect(onRemoved / points.length).toBeGreaterThan(0.9);
    // and most of the time spent driving the removed half is inside an off-route violation
    const offMs = off.reduce((a, v) => a + (Date.parse(v.end ?? v.start) - Date.parse(v.start)), 0);
    expect(offMs / 1000).toBeGreaterThan(600);
  });
});

describe.skipIf(!existsSync(trace))('the Huntsville drive as a sparse feed (one fix every 15, 30, 60 s)', () => {
  it('no off-route finding on the true route, whatever fixes are kept; coverage stays ≥ 0.9', () => {
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    for (const every of [15, 30, 60]) {
      for (const offset of [0, every >> 1]) {
        const f = path.join(tempDir('gw-route-'), 'sparse.csv');
        writeFileSync(f, [lines[0]!, ...lines.slice(1).filter((_, i) => i % every === offset)].join('\n'));
        const r = runCheckRoute({ trace: f, streets: truth, roads, start }).reports[0]!;
        expect(
          r.violations.filter((v) => v.kind === 'off-route'),
          `every ${every} s from ${offset}`,
        ).toEqual([]);
        expect(r.coverage, `every ${every} s from ${offset}`).toBeGreaterThanOrEqual(0.9);
      }
    }
  }, 120_000);
});
