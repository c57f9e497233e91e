import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../kernel/testing.ts';
import { readTrace } from '../trace/index.ts';
import { loadRoadNetwork, readRoadLines } from './load-roads.ts';
import { defaultMatchParams, Matcher, type MatchFix } from './matcher.ts';
import { RoadNetwork } from './network.ts';
import { PathFinder } from './paths.ts';
import { at, gridLines } from './testing.ts';

const net = new RoadNetwork(gridLines(), 'grid');
const fixAt = (ts: number, xM: number, yM: number): MatchFix => {
  const [lon, lat] = at(xM, yM);
  return { ts, x: net.proj.x(lon), y: net.proj.y(lat) };
};
const road = (seg: number): string => net.segIds[seg]!.split(':')[0]!;

describe('HMM map matching', () => {
  it('keeps a vehicle on its street through outliers that are nearer a parallel service road', () => {
    // Main St (y = 0) and a service road 30 m north, joined only at x = 0 and x = 400
    const lines = [
      { id: 'main', coords: [at(0, 0), at(400, 0)] },
      { id: 'service', coords: [at(0, 0), at(0, 30), at(400, 30), at(400, 0)] },
    ];
    const n2 = new RoadNetwork(lines, 'frontage');
    const f = (ts: number, x: number, y: number): MatchFix => ({
      ts,
      x: n2.proj.x(at(x, y)[0]),
      y: n2.proj.y(at(x, y)[1]),
    });
    const name = (seg: number): string => n2.segIds[seg]!.split(':')[0]!;
    // east along Main St at 5 m/s, fixes every 2 s; every 5th fix lands 18 m north (12 m from the service road)
    const fixes = Array.from({ length: 30 }, (_, k) => f(k * 2000, 50 + k * 10, k % 5 === 2 ? 18 : ((k * 7) % 5) - 2));
    const m = new Matcher(n2, new PathFinder(n2));
    const out = [...fixes.flatMap((x) => m.push(x)), ...m.flush()];
    expect(out.map((o) => name(o.pos!.seg))).toEqual(new Array(30).fill('main'));
    // nearest-segment lookup alone puts the six outliers on the service road
    expect(fixes.filter((x) => name(n2.nearest(x.x, x.y, 80)) === 'service')).toHaveLength(6);
    // the road driven between fixes adds up to the distance driven (10 m per fix)
    const driven = out.reduce((a, o) => a + o.routeM, 0);
    expect(driven).toBeGreaterThan(280);
    expect(driven).toBeLessThan(300);
  });

  it('follows a turn: the road driven across the corner runs along both streets', () => {
    // east on Row 1 (y = 100) to x = 200, then north on Col 2 (x = 200)
    const pts = [...[20, 60, 130, 170].map((x) => [x, 102]), ...[140, 180, 220, 260].map((y) => [202, y])];
    const m = new Matcher(net, new PathFinder(net), { ...defaultMatchParams, lag: 2 });
    const out = [...pts.flatMap(([x, y], k) => m.push(fixAt(k * 8000, x!, y!))), ...m.flush()];
    const roads = out.map((o) => road(o.pos!.seg)).filter((r, i, a) => i === 0 || a[i - 1] !== r);
    expect(roads).toEqual(['row1', 'col2']);
    const across = out[4]!;
    expect(across.pieces.map((p) => road(p.seg))).toContain('col2');
    expect(across.routeM).toBeCloseTo(30 + 40, 0);
    expect(out.reduce((a, o) => a + o.routeM, 0)).toBeCloseTo(180 + 160, -1);
  });

  it('no road within the radius → unmatched; a long gap starts a new chain (no road guessed across it)', () => {
    const m = new Matcher(net, new PathFinder(net), { ...defaultMatchParams, lag: 0 });
    expect(m.push(fixAt(0, 50, 100))[0]!.pos).not.toBeNull();
    const far = m.push(fixAt(1000, 50, 600));
    expect(far).toHaveLength(1);
    expect(far[0]!.pos).toBeNull();
    const late = m.push(fixAt(600_000, 250, 300));
    expect(late[0]!.pieces).toEqual([]);
  });

  const hsv = path.join(sharedDir, 'geo/traces/kubicka_00000008_huntsville_al_us_trace.csv');
  it.skipIf(!existsSync(hsv))('real Huntsville drive: more fixes on the true route than nearest-segment lookup', () => {
    const road = loadRoadNetwork(path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_network.geojson'));
    const truth = new Set(
      readRoadLines(
        path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_route_groundtruth.geojson'),
      ).flatMap((l) => road.roadSegments(l.id)!),
    );
    const fixes = readTrace(hsv, { start: 0 }).map((f) => ({ ts: f.ts, x: road.proj.x(f.lon), y: road.proj.y(f.lat) }));
    const m = new Matcher(road, new PathFinder(road));
    const out = [...fixes.flatMap((f) => m.push(f)), ...m.flush()];
    const hmm = out.filter((o) => o.pos && truth.has(o.pos.seg)).length / out.length;
    const nearest = fixes.filter((f) => truth.has(road.nearest(f.x, f.y, 80))).length / fixes.length;
    expect(hmm).toBeGreaterThan(0.89);
    expect(hmm - nearest).toBeGreaterThan(0.04);
  });
});
