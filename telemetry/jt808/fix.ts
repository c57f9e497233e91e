/** A decoded 0x0200 location → the telemetry pipeline's DecodedFix, with the work flag from a configured bit. */
import type { Jt808WorkBit } from '../../kernel/config/jt808.ts';
import type { WorkStatus } from '../../kernel/types/index.ts';
import type { DecodedFix } from '../types.ts';
import type { Location } from './location.ts';

/** The configured bit's value, or undefined when the report lacks the item that holds it. */
export function workStatus(l: Location, w: Jt808WorkBit | undefined): WorkStatus | undefined {
  if (!w) return undefined;
  const word = w.source === 'status' ? l.status : w.source === 'io' ? l.extras.io : l.extras.signalBits;
  if (word === undefined) return undefined;
  const active = ((word >>> w.bit) & 1) === w.activeWhen;
  return w.mode === undefined ? { active } : { active, mode: w.mode };
}

export function toFix(vehicleId: string, l: Location, w: Jt808WorkBit | undefined, receivedAt: number): DecodedFix {
  const work = workStatus(l, w);
  return {
    vehicleId,
    format: 'jt808',
    ts: l.ts,
    lat: l.lat,
    lon: l.lon,
    speedKmh: l.speedKmh,
    heading: l.heading,
    ...(work ? { work } : {}),
    receivedAt,
  };
}
