import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../kernel/errors.ts';
import { sharedDir } from '../../kernel/testing.ts';
import { loadRoadNetwork, readRoadLines } from './load-roads.ts';
import { RoadNetwork } from './network.ts';
import { parseOsmRoads } from './roads-osm.ts';
import { at, gridLines } from './testing.ts';

const hsv = path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_network.geojson');
const muc = path.join(sharedDir, 'geo/roads/osm_munich_center_highways_valhalla_bench.osm');

describe('road network', () => {
  it('splits roads into segments of at most 50 m with stable ids, and links them at shared vertices', () => {
    const net = new RoadNetwork(gridLines(), 'grid');
    // 8 streets × 3 blocks of 100 m → 2 segments of 50 m each
    expect(net.segmentCount).toBe(48);
    expect(net.totalLengthM).toBeCloseTo(2400, 0);
    expect(net.roadSegments('row1')!.map((s) => net.segIds[s])).toEqual([
      'row1:0',
      'row1:1',
      'row1:2',
      'row1:3',
      'row1:4',
      'row1:5',
    ]);
    const again = new RoadNetwork(gridLines(), 'grid');
    expect(again.segIds).toEqual(net.segIds);
    // the crossing of row1 and col1 joins 4 segments
    const [a, b] = [net.segmentIndex('row1:1')!, net.segmentIndex('row1:2')!];
    const node = [net.segA[a]!, net.segB[a]!].find((n) => n === net.segA[b] || n === net.segB[b])!;
    expect(net.adjStart[node + 1]! - net.adjStart[node]!).toBe(4);
    expect(net.segIds[net.nearest(net.proj.x(at(160, 103)[0]), net.proj.y(at(160, 103)[1]), 30)]).toBe('row1:3');
  });

  it('two directions of one street share their segments', () => {
    const fwd = { id: 'a', coords: [at(0, 0), at(80, 0)] as [number, number][] };
    const net = new RoadNetwork([fwd, { id: 'b', coords: [...fwd.coords].reverse() }], 'twins');
    expect(net.segmentCount).toBe(2);
    expect([...net.roadSegments('b')!].sort()).toEqual([...net.roadSegments('a')!].sort());
  });

  it('an empty network is a clear error', () => {
    expect(() => new RoadNetwork([], 'empty.geojson')).toThrow(InputError);
    expect(() => new RoadNetwork([{ id: 'x', coords: [at(0, 0)] }], 'one-point.geojson')).toThrow(
      /one-point.geojson: the road network is empty/,
    );
  });

  it.skipIf(!existsSync(hsv))('real Huntsville network (GeoJSON, 10,421 directed arcs)', () => {
    const net = loadRoadNetwork(hsv);
    expect(readRoadLines(hsv)).toHaveLength(10_421);
    expect(net.segmentCount).toBe(8197);
    expect(net.totalLengthM / 1000).toBeCloseTo(235.7, 0);
  });

  it.skipIf(!existsSync(muc))('real Munich OSM extract: highway ways of vehicle classes only', () => {
    const lines = readRoadLines(muc);
    const kinds = new Set(lines.map((l) => l.kind));
    expect(kinds.has('residential')).toBe(true);
    expect(kinds.has('secondary')).toBe(true);
    for (const k of ['footway', 'steps', 'cycleway', 'path']) expect(kinds.has(k)).toBe(false);
    expect(lines.length).toBeGreaterThan(600);
    expect(lines.every((l) => l.id.startsWith('w'))).toBe(true);
    expect(lines.some((l) => l.name === 'Sendlinger Straße' || l.name === 'Sonnenstraße')).toBe(true);
    const net = loadRoadNetwork(muc);
    expect(net.totalLengthM / 1000).toBeGreaterThan(40);
    const withFootways = loadRoadNetwork(muc, { highways: ['footway'] });
    expect(withFootways.segmentCount).toBeGreaterThan(0);
  });

  it('bad road files are clear errors', () => {
    expect(() =>
      parseOsmRoads('<osm><way id="1"><nd ref="9"/><tag k="highway" v="residential"/></way></osm>', 'a.osm'),
    ).toThrow(/a.osm: way 1 references node 9, which the file does not contain/);
    expect(() => parseOsmRoads('<osm><node id="1" lat="1" lon="2"></osm>', 'b.osm')).toThrow(
      /b.osm line 1: not valid XML/,
    );
    expect(() => loadRoadNetwork('/nonexistent/roads.geojson')).toThrow(/cannot read road network .*ENOENT/);
  });
});
