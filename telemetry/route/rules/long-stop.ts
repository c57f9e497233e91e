/**
 * Long stop: the vehicle stays within `radiusM` of one spot for longer than `maxStopS` while on duty and outside the
 * depot. GPS noise of a standing vehicle stays inside the radius; the stop ends at the first fix outside it.
 */
import { distanceM } from '../../../kernel/geo.ts';
import { change, extend, point, type Episode } from './episode.ts';
import { type FixObservation, type RouteEvent, type RuleResult, type TrackPoint, NONE } from './types.ts';
import { msg } from '../../../kernel/messages/text.ts';

export interface LongStopParams {
  readonly maxStopS: number;
  readonly radiusM: number;
}

export interface LongStopState {
  /** Where and since when the vehicle has stood (first fix of the stop). */
  readonly anchor?: TrackPoint;
  /** Start of the supervised part of the stop (on duty, outside the depot). */
  readonly dutySince?: number;
  readonly open?: Episode;
}

function onFix(s: LongStopState, f: FixObservation, p: LongStopParams): RuleResult<LongStopState> {
  const here = point(f);
  if (!s.anchor || distanceM(s.anchor, f) > p.radiusM) {
    const end = s.open ? [change(s.open, 'end', f.ts)] : [];
    return { state: { anchor: here, ...(f.onDuty && !f.inDepot ? { dutySince: f.ts } : {}) }, violations: end };
  }
  const supervised = f.onDuty && !f.inDepot;
  if (!supervised) {
    const end = s.open ? [change(s.open, 'end', f.ts)] : [];
    return { state: { anchor: s.anchor }, violations: end };
  }
  const dutySince = s.dutySince ?? f.ts;
  const minutes = Math.round((f.ts - dutySince) / 60_000);
  const text = msg('telemetry.longStop', { minutes });
  if (s.open) {
    const { episode, out } = extend(s.open, here, text);
    return { state: { ...s, open: episode }, violations: out };
  }
  if ((f.ts - dutySince) / 1000 > p.maxStopS) {
    const open: Episode = {
      kind: 'long-stop',
      start: dutySince,
      where: s.anchor,
      track: [s.anchor, here],
      lastEmit: f.ts,
      text,
    };
    return { state: { ...s, dutySince, open }, violations: [change(open, 'start')] };
  }
  return { state: { ...s, dutySince }, violations: NONE };
}

export function longStopRule(
  s: LongStopState,
  e: RouteEvent,
  p: LongStopParams,
  now: number,
): RuleResult<LongStopState> {
  if (e.type === 'fix') return onFix(s, e.fix, p);
  if (e.type === 'window-end' && s.open)
    return { state: { anchor: s.anchor }, violations: [change(s.open, 'end', Math.min(now, e.window.end))] };
  return { state: s, violations: NONE };
}
