/** Road lines from GeoJSON: LineString and MultiLineString features (other geometries are ignored). */
import { InputError, errorMessage } from '../../kernel/errors.ts';
import type { RoadLine } from './roads.ts';

type Props = Readonly<Record<string, unknown>>;
interface Feature {
  readonly id?: string | number;
  readonly geometry?: { readonly type?: string; readonly coordinates?: unknown } | null;
  readonly properties?: Props | null;
}

const ID_PROPS = ['id', 'road_id', 'arc_id', 'osm_id', '@id'];

function featureId(f: Feature, i: number): string {
  if (f.id !== undefined && f.id !== null) return String(f.id);
  for (const k of ID_PROPS) {
    const v = f.properties?.[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return `f${i}`;
}

function line(raw: unknown, where: string): [number, number][] {
  if (!Array.isArray(raw)) throw new InputError(`${where}: field "coordinates" must be an array of [lon, lat]`);
  return raw.map((p: unknown, k) => {
    const [lon, lat] = Array.isArray(p) ? (p as unknown[]) : [];
    if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new InputError(`${where}: coordinate ${k} is not a valid [lon, lat] (${JSON.stringify(p)})`);
    }
    return [lon, lat];
  });
}

/** Parse GeoJSON text into road lines; `name` is used in errors. */
export function parseGeoJsonRoads(text: string, name: string): RoadLine[] {
  let doc: { type?: string; features?: unknown } & Feature;
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (err) {
    throw new InputError(`${name}: not valid JSON: ${errorMessage(err)}`);
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : undefined;
  if (!Array.isArray(features)) throw new InputError(`${name}: expected a GeoJSON FeatureCollection of LineStrings`);
  const out: RoadLine[] = [];
  (features as Feature[]).forEach((f, i) => {
    const g = f?.geometry;
    if (g?.type !== 'LineString' && g?.type !== 'MultiLineString') return;
    const where = `${name} feature ${i}`;
    const id = featureId(f, i);
    const n = f.properties?.name;
    const k = f.properties?.highway ?? f.properties?.kind;
    const base = {
      id,
      ...(typeof n === 'string' && n ? { name: n } : {}),
      ...(typeof k === 'string' ? { kind: k } : {}),
    };
    const parts = g.type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [null];
    for (const part of parts) out.push({ ...base, coords: line(part, where) });
  });
  return out;
}
