/** Road lines from OpenStreetMap XML: ways with a `highway` tag of a class vehicles drive on. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../../kernel/errors.ts';
import type { RoadLine } from './roads.ts';

/** Highway classes kept by default: streets a sweeper or truck can work (no footways, steps, cycleways…). */
export const VEHICLE_HIGHWAYS: readonly string[] = [
  'motorway',
  'motorway_link',
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
  'living_street',
  'service',
  'pedestrian',
  'road',
  'busway',
];

interface OsmTag {
  readonly k: string;
  readonly v: string;
}
interface OsmDoc {
  readonly osm?: {
    readonly node?: readonly { readonly id: string; readonly lat: string; readonly lon: string }[];
    readonly way?: readonly {
      readonly id: string;
      readonly nd?: readonly { readonly ref: string }[];
      readonly tag?: readonly OsmTag[];
    }[];
  };
}

const ARRAYS = new Set(['node', 'way', 'nd', 'tag', 'relation', 'member']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (t) => ARRAYS.has(t),
});

export function parseOsmRoads(text: string, name: string, highways: readonly string[] = VEHICLE_HIGHWAYS): RoadLine[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InputError(`${name} line ${valid.err.line}: not valid XML: ${valid.err.msg}`);
  const doc = parser.parse(text) as OsmDoc;
  if (!doc.osm) throw new InputError(`${name}: not OpenStreetMap XML (no <osm> root element)`);
  const nodes = new Map<string, [number, number]>();
  for (const n of doc.osm.node ?? []) nodes.set(n.id, [Number(n.lon), Number(n.lat)]);
  const keep = new Set(highways);
  const out: RoadLine[] = [];
  for (const w of doc.osm.way ?? []) {
    const tags = new Map((w.tag ?? []).map((t) => [t.k, t.v]));
    const hw = tags.get('highway');
    if (!hw || !keep.has(hw) || tags.get('area') === 'yes') continue;
    const coords: [number, number][] = [];
    for (const nd of w.nd ?? []) {
      const p = nodes.get(nd.ref);
      if (!p) throw new InputError(`${name}: way ${w.id} references node ${nd.ref}, which the file does not contain`);
      coords.push(p);
    }
    const nm = tags.get('name');
    out.push({ id: `w${w.id}`, kind: hw, ...(nm ? { name: nm } : {}), coords });
  }
  return out;
}
