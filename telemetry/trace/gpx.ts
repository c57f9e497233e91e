/** GPX 1.0/1.1 traces (fast-xml-parser): track points, else route points, else waypoints; <time> is required. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../../kernel/errors.ts';
import { toFix } from './fields.ts';
import type { TraceFix, TraceOptions } from './types.ts';

interface GpxPoint {
  readonly lat?: string;
  readonly lon?: string;
  readonly time?: string | number;
  /** m/s (GPX 1.0 and common extensions). */
  readonly speed?: string | number;
  readonly course?: string | number;
  readonly extensions?: Record<string, unknown>;
}
interface GpxDoc {
  readonly gpx?: {
    readonly trk?: readonly { readonly trkseg?: readonly { readonly trkpt?: readonly GpxPoint[] }[] }[];
    readonly rte?: readonly { readonly rtept?: readonly GpxPoint[] }[];
    readonly wpt?: readonly GpxPoint[];
  };
}

const ARRAYS = new Set(['trk', 'trkseg', 'trkpt', 'rte', 'rtept', 'wpt']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (tag) => ARRAYS.has(tag),
});

/** A speed in m/s from <speed> or an extension such as <gpxtpx:speed>; undefined when absent. */
function speedMs(p: GpxPoint): string | number | undefined {
  if (p.speed !== undefined) return p.speed;
  const ext = p.extensions;
  if (!ext) return undefined;
  for (const v of Object.values(ext)) {
    if (v && typeof v === 'object' && 'speed' in v) return (v as { speed?: string | number }).speed;
  }
  return undefined;
}

export function parseGpxTrace(text: string, name: string, opts: TraceOptions): TraceFix[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InputError(`${name} line ${valid.err.line}: not valid XML: ${valid.err.msg}`);
  const parsed = parser.parse(text) as GpxDoc;
  if (!('gpx' in parsed)) throw new InputError(`${name}: not a GPX file (no <gpx> root element)`);
  const gpx = typeof parsed.gpx === 'object' && parsed.gpx ? parsed.gpx : {};
  const trk = (gpx.trk ?? []).flatMap((t) => (t.trkseg ?? []).flatMap((s) => s.trkpt ?? []));
  const rte = (gpx.rte ?? []).flatMap((r) => r.rtept ?? []);
  const [points, tag] = trk.length ? [trk, 'trkpt'] : rte.length ? [rte, 'rtept'] : [gpx.wpt ?? [], 'wpt'];
  return points.map((p, i) => {
    const ms = speedMs(p);
    const kmh = ms === undefined || ms === '' ? undefined : Number(ms) * 3.6;
    return toFix(
      {
        time: { field: 'time', kind: 'iso', value: p.time },
        lat: p.lat,
        lon: p.lon,
        speedKmh: { field: 'speed', value: kmh === undefined || Number.isNaN(kmh) ? ms : kmh },
        heading: { field: 'course', value: p.course },
      },
      `${name} <${tag}> #${i + 1}`,
      opts,
    );
  });
}
