/**
 * The gridwatch position format on PREFIX/vehicles/{id}/position:
 * { ts, lat, lon, speed_kmh?, heading?, accuracy_m?, work? }
 * ts: epoch milliseconds or seconds (below 1e11 = seconds) or ISO 8601 text; work: boolean or { active, mode? }.
 * Unknown extra fields are ignored. Ranges are checked by the validate stage, not here.
 */
import { z } from 'zod';
import { epochToMs, parseIsoTime } from '../trace/time.ts';
import { reject, type DecodedFix, type Rejection } from '../types.ts';
import { issueToRejection } from './issues.ts';

const work = z.union([z.boolean(), z.strictObject({ active: z.boolean(), mode: z.string().max(64).optional() })]);

export const gridwatchPayload = z.object({
  ts: z.union([z.number(), z.string().max(40)]),
  lat: z.number(),
  lon: z.number(),
  speed_kmh: z.number().optional(),
  heading: z.number().optional(),
  accuracy_m: z.number().optional(),
  work: work.optional(),
});

export function decodeGridwatch(
  obj: Record<string, unknown>,
  vehicleId: string,
  receivedAt: number,
): DecodedFix | Rejection {
  const r = gridwatchPayload.safeParse(obj);
  if (!r.success) return issueToRejection(r.error, obj, vehicleId);
  const p = r.data;
  const ts = typeof p.ts === 'number' ? epochToMs(p.ts) : parseIsoTime(p.ts);
  if (ts === null) return reject('bad_field', `field "ts": not an ISO 8601 time ("${String(p.ts)}")`, vehicleId);
  return {
    vehicleId,
    format: 'gridwatch',
    ts,
    lat: p.lat,
    lon: p.lon,
    ...(p.speed_kmh !== undefined ? { speedKmh: p.speed_kmh } : {}),
    ...(p.heading !== undefined ? { heading: p.heading } : {}),
    ...(p.accuracy_m !== undefined ? { accuracyM: p.accuracy_m } : {}),
    ...(p.work !== undefined ? { work: typeof p.work === 'boolean' ? { active: p.work } : p.work } : {}),
    receivedAt,
  };
}
