/**
 * The validate stage: a decoded fix → a Position, or a rejection naming the field and limit.
 * Pure: the clock and the set of known vehicles come in as arguments.
 */
import type { Position } from '../kernel/types/index.ts';
import { reject, type DecodedFix, type Rejection } from './types.ts';

export interface ValidationParams {
  /** Fixes dated later than now + this are rejected. */
  readonly maxFutureMs: number;
  /** Fixes older than now − this are rejected. */
  readonly maxAgeMs: number;
}

const MAX_SPEED_KMH = 400;
const MAX_ACCURACY_M = 100_000;
/** The largest time a JavaScript Date can hold (±100,000,000 days from 1970); beyond it toISOString throws. */
const MAX_TIME_MS = 8.64e15;

function outside(name: string, v: number, min: number, max: number): string | null {
  if (!Number.isFinite(v)) return `field "${name}" is not a finite number`;
  return v < min || v > max ? `field "${name}" is ${v}, outside ${min}..${max}` : null;
}

export function validateFix(
  fix: DecodedFix,
  params: ValidationParams,
  now: number,
  isKnown: (vehicleId: string) => boolean,
): Position | Rejection {
  const id = fix.vehicleId;
  if (!isKnown(id)) return reject('unknown_vehicle', `vehicle "${id}" is not in the configuration`, id);
  const coord = outside('lat', fix.lat, -90, 90) ?? outside('lon', fix.lon, -180, 180);
  if (coord) return reject('bad_coordinates', coord, id);
  if (fix.lat === 0 && fix.lon === 0) return reject('bad_coordinates', 'lat 0, lon 0: the device has no fix', id);
  if (!Number.isFinite(fix.ts) || Math.abs(fix.ts) > MAX_TIME_MS)
    return reject('bad_field', `field "ts" is ${fix.ts}, not a time (epoch ms within ±${MAX_TIME_MS})`, id);
  if (fix.ts > now + params.maxFutureMs) {
    return reject(
      'ts_future',
      `ts ${new Date(fix.ts).toISOString()} is ${Math.round((fix.ts - now) / 1000)} s ahead of the server clock`,
      id,
    );
  }
  if (fix.ts < now - params.maxAgeMs) {
    return reject(
      'ts_too_old',
      `ts ${new Date(fix.ts).toISOString()} is older than ${params.maxAgeMs / 3_600_000} h`,
      id,
    );
  }
  const field =
    (fix.speedKmh !== undefined ? outside('speed_kmh', fix.speedKmh, 0, MAX_SPEED_KMH) : null) ??
    (fix.heading !== undefined ? outside('heading', fix.heading, 0, 360) : null) ??
    (fix.accuracyM !== undefined ? outside('accuracy_m', fix.accuracyM, 0, MAX_ACCURACY_M) : null);
  if (field) return reject('bad_field', field, id);
  return {
    vehicleId: id,
    ts: fix.ts,
    lat: fix.lat,
    lon: fix.lon,
    ...(fix.speedKmh !== undefined ? { speedKmh: fix.speedKmh } : {}),
    ...(fix.heading !== undefined ? { heading: fix.heading % 360 } : {}),
    ...(fix.accuracyM !== undefined ? { accuracyM: fix.accuracyM } : {}),
    ...(fix.work !== undefined ? { work: fix.work } : {}),
    receivedAt: fix.receivedAt,
    late: false,
  };
}
