/** GeoJSON traces: Point features whose properties carry the time (ISO, epoch `ts` or relative `t_rel_s`). */
import { InputError, errorMessage } from '../../kernel/errors.ts';
import { toFix, type RawFix, type RawValue, type TimeKind } from './fields.ts';
import type { TraceFix, TraceOptions } from './types.ts';

const TIME_PROPS: readonly (readonly [string, TimeKind])[] = [
  ['timestamp', 'iso'],
  ['time', 'iso'],
  ['timestamp_local', 'iso'],
  ['ts', 'epoch'],
  ['t_rel_s', 'relative'],
];

type Props = Readonly<Record<string, RawValue>>;
interface Feature {
  readonly type?: string;
  readonly geometry?: { readonly type?: string; readonly coordinates?: readonly RawValue[] } | null;
  readonly properties?: Props | null;
}

function timeOf(props: Props, where: string): RawFix['time'] {
  for (const [field, kind] of TIME_PROPS) {
    const value = props[field];
    if (value === undefined || value === null) continue;
    return { field, kind: kind === 'iso' && typeof value === 'number' ? 'epoch' : kind, value };
  }
  throw new InputError(`${where}: properties need a time: ${TIME_PROPS.map(([f]) => f).join(', ')}`);
}

export function parseGeoJsonTrace(text: string, name: string, opts: TraceOptions): TraceFix[] {
  let doc: { type?: string; features?: readonly Feature[] } & Feature;
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (err) {
    throw new InputError(`${name}: not valid JSON: ${errorMessage(err)}`);
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : undefined;
  if (!Array.isArray(features)) throw new InputError(`${name}: expected a GeoJSON FeatureCollection of Point features`);
  const fixes: TraceFix[] = [];
  features.forEach((f, i) => {
    const where = `${name} feature ${i}`;
    if (f?.geometry?.type !== 'Point')
      throw new InputError(`${where}: field "geometry" must be a Point (got ${f?.geometry?.type ?? 'none'})`);
    const coords = f.geometry.coordinates ?? [];
    const props = f.properties ?? {};
    fixes.push(
      toFix(
        {
          time: timeOf(props, where),
          lat: coords[1],
          lon: coords[0],
          vehicleId: props.vehicle_id ?? props.vehicleId,
          speedKmh: { field: 'speed_kmh', value: props.speed_kmh },
          heading: { field: 'heading', value: props.heading },
        },
        where,
        opts,
      ),
    );
  });
  return fixes;
}
