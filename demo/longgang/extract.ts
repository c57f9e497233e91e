/**
 * Builds the demo city's map data from the OpenStreetMap extract of Shenzhen Longgang in ../shared/geo/roads-cn
 * (© OpenStreetMap contributors, ODbL 1.0; see demo/longgang/README.md):
 *   roads.geojson    streets vehicles work on (the road network: names, OSM highway class), clipped to the demo area
 *   basemap.geojson  what the map draws under them: expressways, buildings, water, parks
 * Run: node --import tsx demo/longgang/extract.ts  (rewrites both files; the output is committed, the OSM file is not
 * needed at run time).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bboxClip, simplify } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Polygon } from 'geojson';
import { XMLParser } from 'fast-xml-parser';
import { appRoot } from '../../kernel/app-root.ts';

/** The demo area: around 龙城广场 / 大运, about 2.9 × 2.4 km. [west, south, east, north] */
export const DEMO_BBOX: [number, number, number, number] = [114.197, 22.68, 114.225, 22.702];
const SOURCE = path.resolve(appRoot, '..', 'shared', 'geo', 'roads-cn', 'osm_shenzhen_longgang_2019.osm');
const OUT = path.join(appRoot, 'demo', 'longgang');

/** Streets the network keeps (expressways are drawn, never worked). */
const NETWORK = new Set([
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'service',
]);

interface Tag {
  k: string;
  v: string;
}
interface Way {
  id: string;
  nd?: { ref: string }[];
  tag?: Tag[];
}

const round = (c: number[]): [number, number] => [Math.round(c[0]! * 1e6) / 1e6, Math.round(c[1]! * 1e6) / 1e6];

/** Every [lon, lat] of nested coordinate arrays, rounded to 6 decimals (~0.1 m). */
const roundAll = (x: unknown): unknown =>
  Array.isArray(x) && typeof x[0] === 'number' ? round(x as number[]) : Array.isArray(x) ? x.map(roundAll) : x;

function kindOf(tags: Map<string, string>): string | undefined {
  if (tags.get('highway')?.startsWith('motorway')) return 'expressway';
  if (tags.has('building')) return 'building';
  if (tags.get('natural') === 'water' || tags.get('waterway') || tags.get('landuse') === 'reservoir') return 'water';
  const green = ['park', 'garden', 'pitch', 'golf_course', 'stadium', 'sports_centre'];
  if (green.includes(tags.get('leisure') ?? '') || ['grass', 'forest'].includes(tags.get('landuse') ?? ''))
    return 'green';
  if (tags.get('natural') === 'wood') return 'green';
  return undefined;
}

function main(): void {
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (t) => ['node', 'way', 'nd', 'tag'].includes(t),
  }).parse(readFileSync(SOURCE, 'utf8')) as { osm: { node: { id: string; lat: string; lon: string }[]; way: Way[] } };
  const nodes = new Map(doc.osm.node.map((n) => [n.id, [Number(n.lon), Number(n.lat)]]));
  const roads: Feature<LineString | MultiLineString>[] = [];
  const base: Feature<LineString | MultiLineString | Polygon>[] = [];
  for (const w of doc.osm.way) {
    const tags = new Map((w.tag ?? []).map((t) => [t.k, String(t.v)]));
    const coords = (w.nd ?? []).flatMap((n) => (nodes.has(n.ref) ? [nodes.get(n.ref)!] : []));
    if (coords.length < 2) continue;
    const name = tags.get('name');
    const hw = tags.get('highway');
    const props = { id: `w${w.id}`, ...(name ? { name } : {}) };
    if (hw && NETWORK.has(hw)) {
      const line: Feature<LineString> = {
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: coords },
      };
      const clipped = bboxClip(simplify(line, { tolerance: 0.00001 }), DEMO_BBOX);
      const g = clipped.geometry as LineString | MultiLineString;
      const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      parts.forEach((p, i) => {
        if (p.length < 2) return;
        const id = parts.length > 1 ? `w${w.id}-${i}` : `w${w.id}`;
        roads.push({
          type: 'Feature',
          id,
          properties: { ...props, id, highway: hw },
          geometry: { type: 'LineString', coordinates: p.map(round) },
        });
      });
      continue;
    }
    const kind = kindOf(tags);
    if (!kind) continue;
    const closed = coords.length > 3 && coords[0]![0] === coords.at(-1)![0] && coords[0]![1] === coords.at(-1)![1];
    const f: Feature<LineString | Polygon> =
      closed && kind !== 'expressway'
        ? { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [coords] } }
        : { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: coords } };
    const clipped = bboxClip(simplify(f, { tolerance: 0.00001 }), DEMO_BBOX);
    const g = clipped.geometry;
    if (g.coordinates.length === 0) continue;
    const rounded = { ...g, coordinates: roundAll(g.coordinates) } as Polygon | LineString | MultiLineString;
    base.push({ type: 'Feature', properties: { ...props, kind }, geometry: rounded });
  }
  const attribution = '© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)';
  const write = (file: string, features: Feature[]): void =>
    writeFileSync(
      path.join(OUT, file),
      `{"type":"FeatureCollection","attribution":${JSON.stringify(attribution)},"bbox":${JSON.stringify(DEMO_BBOX)},` +
        `"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`,
    );
  write('roads.geojson', roads);
  write('basemap.geojson', base);
  process.stdout.write(`${roads.length} road lines, ${base.length} base-map features\n`);
}

main();
