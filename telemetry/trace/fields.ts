/** Turning raw field values of one record (CSV row, GeoJSON feature, GPX point) into a checked TraceFix. */
import { InputError } from '../../kernel/errors.ts';
import { epochToMs, parseIsoTime, strictNumber } from './time.ts';
import type { TraceFix, TraceOptions } from './types.ts';

/** How the record's time is expressed: ISO text, epoch s/ms, or seconds since `start`. */
export type TimeKind = 'iso' | 'epoch' | 'relative';

export type RawValue = string | number | null | undefined;

/** Field values of one record; the key names are the names shown in errors. */
export interface RawFix {
  readonly time: { readonly field: string; readonly kind: TimeKind; readonly value: RawValue };
  readonly lat: RawValue;
  readonly lon: RawValue;
  readonly vehicleId?: RawValue;
  readonly speedKmh?: { readonly field: string; readonly value: RawValue };
  readonly heading?: { readonly field: string; readonly value: RawValue };
}

function num(value: RawValue, field: string, where: string): number {
  const n = typeof value === 'number' ? (Number.isFinite(value) ? value : null) : strictNumber(value ?? '');
  if (n === null)
    throw new InputError(
      `${where}: field "${field}" is ` +
        `${value === undefined || value === '' ? 'missing' : `not a number ("${String(value)}")`}`,
    );
  return n;
}

function optionalNum(
  f: { field: string; value: RawValue } | undefined,
  where: string,
  min: number,
  max: number,
): number | undefined {
  if (!f || f.value === undefined || f.value === null || f.value === '') return undefined;
  const n = num(f.value, f.field, where);
  if (n < min || n > max) throw new InputError(`${where}: field "${f.field}" is ${n}, outside ${min}..${max}`);
  return n;
}

function time(t: RawFix['time'], where: string, opts: TraceOptions): number {
  if (t.value === undefined || t.value === null || t.value === '')
    throw new InputError(`${where}: field "${t.field}" is missing`);
  if (t.kind === 'iso') {
    const ms = parseIsoTime(String(t.value), opts.tz);
    if (ms === null)
      throw new InputError(`${where}: field "${t.field}" is not an ISO 8601 time ("${String(t.value)}")`);
    return ms;
  }
  const n = num(t.value, t.field, where);
  if (t.kind === 'epoch') return epochToMs(n);
  if (opts.start === undefined) {
    throw new InputError(`${where}: field "${t.field}" holds relative seconds; a start time is needed (--start ISO)`);
  }
  return opts.start + Math.round(n * 1000);
}

/** A checked fix, or InputError naming `where` (file and line/feature) and the field. */
export function toFix(raw: RawFix, where: string, opts: TraceOptions): TraceFix {
  const lat = num(raw.lat, 'lat', where);
  const lon = num(raw.lon, 'lon', where);
  if (lat < -90 || lat > 90) throw new InputError(`${where}: field "lat" is ${lat}, outside -90..90`);
  if (lon < -180 || lon > 180) throw new InputError(`${where}: field "lon" is ${lon}, outside -180..180`);
  const ts = time(raw.time, where, opts);
  const speedKmh = optionalNum(raw.speedKmh, where, 0, 1000);
  const heading = optionalNum(raw.heading, where, 0, 360);
  const vid = raw.vehicleId === undefined || raw.vehicleId === null ? '' : String(raw.vehicleId).trim();
  return {
    ...(vid ? { vehicleId: vid } : {}),
    ts,
    lat,
    lon,
    ...(speedKmh !== undefined ? { speedKmh } : {}),
    ...(heading !== undefined ? { heading } : {}),
  };
}
