/**
 * OwnTracks JSON (https://owntracks.org/booklet/tech/json/), so phones work as trackers.
 * `_type: "location"` → a fix (tst epoch s, vel km/h, cog degrees, acc m); `_type: "lwt"` → the phone went offline.
 * Point the app's topic at PREFIX/vehicles/{id}/position and log in as the vehicle.
 */
import { z } from 'zod';
import { reject, type DecodedFix, type Rejection, type StatusReport } from '../types.ts';
import { issueToRejection } from './issues.ts';

export const owntracksLocation = z.object({
  _type: z.literal('location'),
  lat: z.number(),
  lon: z.number(),
  tst: z.number().int(),
  vel: z.number().optional(),
  cog: z.number().optional(),
  acc: z.number().optional(),
});

export function isOwnTracks(obj: Record<string, unknown>): boolean {
  return '_type' in obj;
}

export function decodeOwnTracks(
  obj: Record<string, unknown>,
  vehicleId: string,
  receivedAt: number,
): DecodedFix | StatusReport | Rejection {
  if (obj._type === 'lwt') return { vehicleId, online: false, receivedAt, reason: 'owntracks last will' };
  if (obj._type !== 'location') {
    return reject(
      'unsupported_type',
      `OwnTracks _type "${String(obj._type).slice(0, 32)}" carries no position`,
      vehicleId,
    );
  }
  const r = owntracksLocation.safeParse(obj);
  if (!r.success) return issueToRejection(r.error, obj, vehicleId);
  const p = r.data;
  return {
    vehicleId,
    format: 'owntracks',
    ts: p.tst * 1000,
    lat: p.lat,
    lon: p.lon,
    ...(p.vel !== undefined ? { speedKmh: p.vel } : {}),
    ...(p.cog !== undefined ? { heading: p.cog } : {}),
    ...(p.acc !== undefined ? { accuracyM: p.acc } : {}),
    receivedAt,
  };
}
