/**
 * The status topic PREFIX/vehicles/{id}/status: text "online" / "offline" (retained; "offline" as the last will),
 * or JSON { "online": boolean }.
 */
import { reject, type Rejection, type StatusReport } from '../types.ts';

export function decodeStatus(
  payload: Buffer,
  maxBytes: number,
  vehicleId: string,
  receivedAt: number,
): StatusReport | Rejection {
  if (payload.length > maxBytes)
    return reject('oversized', `payload is ${payload.length} bytes, the limit is ${maxBytes}`, vehicleId);
  const text = payload.toString('utf8').trim();
  const word = text.toLowerCase();
  if (word === 'online' || word === 'offline')
    return { vehicleId, online: word === 'online', receivedAt, reason: `status "${word}"` };
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && 'online' in v && typeof v.online === 'boolean') {
      return { vehicleId, online: v.online, receivedAt, reason: `status online=${v.online}` };
    }
  } catch {
    // fall through to the rejection below
  }
  return reject('bad_field', 'status payload must be "online", "offline" or {"online": true|false}', vehicleId);
}
