import { describe, expect, it } from 'vitest';
import { planSchema } from '../../kernel/config/vehicles.ts';
import { InputError } from '../../kernel/errors.ts';
import { testConfig } from '../../kernel/testing.ts';
import { loadRouteSetup } from './network-source.ts';
import { RoadNetwork } from './network.ts';
import { bandFor, resolvePlan } from './plan.ts';
import { at, gridLines, writeLines } from './testing.ts';

const net = new RoadNetwork(gridLines(), 'grid');
const plan = (over: Record<string, unknown>) => planSchema.parse({ id: 'p', ...over });

describe('work plans against the road network', () => {
  it('streets drawn near the roads select exactly the segments they follow, with street names', () => {
    // Row 1 drawn 4 m off from x = 0 to 200, and Col 3 whole
    const drawn = [
      { id: 'a', name: 'Row One', coords: [at(0, 104), at(200, 104)] as [number, number][] },
      { id: 'b', coords: [at(300, -2), at(300, 302)] as [number, number][] },
    ];
    const p = resolvePlan(plan({ streets: 'x.geojson' }), net, drawn);
    const ids = [...p.assigned].map((s) => net.segIds[s]).sort();
    expect(ids).toEqual([
      'col3:0',
      'col3:1',
      'col3:2',
      'col3:3',
      'col3:4',
      'col3:5',
      'row1:0',
      'row1:1',
      'row1:2',
      'row1:3',
    ]);
    expect(p.assignedM).toBeCloseTo(500, 0);
    expect(p.streetOf.get(net.segmentIndex('row1:0')!)).toEqual({ id: 'a', name: 'Row One' });
  });

  it('road ids select whole roads; an unknown road id is an error naming the field', () => {
    expect(resolvePlan(plan({ roadIds: ['row0', 'col0'] }), net, []).assignedM).toBeCloseTo(600, 0);
    expect(() => resolvePlan(plan({ roadIds: ['row0', 'nope'] }), net, [], 'plans[0] ("p")')).toThrow(
      /plans\[0\] \("p"\)\.roadIds\[1\]: unknown road "nope" \(not in the road network\)/,
    );
  });

  it('a street that follows no road is an error naming the street', () => {
    const drawn = [{ id: 'x', name: 'Diagonal Rd', coords: [at(10, 10), at(290, 290)] as [number, number][] }];
    expect(() => resolvePlan(plan({ streets: 's.geojson' }), net, drawn)).toThrow(InputError);
    expect(() => resolvePlan(plan({ streets: 's.geojson' }), net, drawn)).toThrow(
      /street "Diagonal Rd" does not follow the road network/,
    );
  });

  it('speed band: plan band, else per vehicle type, else the type default', () => {
    expect(bandFor(resolvePlan(plan({ roadIds: ['row0'] }), net, []), 'sweeper')).toEqual({ minKmh: 3, maxKmh: 8 });
    const byType = resolvePlan(
      plan({ roadIds: ['row0'], speedByType: { sprinkler: { minKmh: 4, maxKmh: 12 } } }),
      net,
      [],
    );
    expect(bandFor(byType, 'sprinkler')).toEqual({ minKmh: 4, maxKmh: 12 });
    expect(bandFor(byType, 'washer')).toEqual({ minKmh: 5, maxKmh: 15 });
  });

  it('config: plans with streets files, a roads file, and clear errors for bad ones', () => {
    const streets = writeLines(gridLines().slice(0, 2));
    const roads = writeLines(gridLines(), 'roads.geojson');
    const ok = testConfig({ roads: { file: roads }, plans: [{ id: 'p1', streets }] });
    const setup = loadRouteSetup(ok.config, ok.baseDir)!;
    expect(setup.plans.get('p1')!.plan.assignedM).toBeCloseTo(600, 0);
    const missing = testConfig({ plans: [{ id: 'p1', streets: '/nonexistent/s.geojson' }] });
    expect(() => loadRouteSetup(missing.config, missing.baseDir)).toThrow(
      /plans\[0\]\.streets: cannot read road network \/nonexistent\/s.geojson/,
    );
    const empty = testConfig({ plans: [{ id: 'p1', streets: writeLines([]) }] });
    expect(() => loadRouteSetup(empty.config, empty.baseDir)).toThrow(/the road network is empty/);
    const unknown = testConfig({ roads: { file: roads }, plans: [{ id: 'p1', roadIds: ['row9'] }] });
    expect(() => loadRouteSetup(unknown.config, unknown.baseDir)).toThrow(
      /plans\[0\] \("p1"\)\.roadIds\[0\]: unknown road "row9"/,
    );
  });
});
