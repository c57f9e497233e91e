/**
 * Overspeed / underspeed while working: out of the speed band for at least `debounceS` seconds. Underspeed counts
 * only while moving (≥ 1 km/h): standing still is the long-stop rule's business. Ends after `clearS` seconds back in
 * the band (or not working).
 */
import type { ViolationKind } from '../../../kernel/types/vehicle.ts';
import { change, extend, point, type Episode } from './episode.ts';
import { type FixObservation, type RouteEvent, type RuleResult, EMPTY, NONE } from './types.ts';
import { msg } from '../../../kernel/messages/text.ts';

/** Below this a vehicle is standing, not crawling. */
export const MOVING_KMH = 1;

export interface SpeedParams {
  readonly which: 'over' | 'under';
  readonly minKmh: number;
  readonly maxKmh: number;
  readonly debounceS: number;
  readonly clearS: number;
}

export interface SpeedState {
  readonly since?: number;
  readonly worst?: number;
  readonly open?: Episode;
  readonly clearSince?: number;
}

export function outOfBand(f: FixObservation, p: SpeedParams): boolean {
  if (!f.working) return false;
  return p.which === 'over' ? f.speedKmh > p.maxKmh : p.minKmh > 0 && f.speedKmh >= MOVING_KMH && f.speedKmh < p.minKmh;
}

function onFix(s: SpeedState, f: FixObservation, p: SpeedParams): RuleResult<SpeedState> {
  const kind: ViolationKind = p.which === 'over' ? 'overspeed' : 'underspeed';
  if (!outOfBand(f, p)) {
    if (!s.open) return { state: EMPTY, violations: NONE };
    const clearSince = s.clearSince ?? f.ts;
    if ((f.ts - clearSince) / 1000 >= p.clearS || !f.working)
      return { state: EMPTY, violations: [change(s.open, 'end', clearSince)] };
    return { state: { ...s, clearSince }, violations: NONE };
  }
  const since = s.since ?? f.ts;
  const worst = p.which === 'over' ? Math.max(s.worst ?? 0, f.speedKmh) : Math.min(s.worst ?? Infinity, f.speedKmh);
  const speed = worst.toFixed(1);
  const text =
    p.which === 'over'
      ? msg('telemetry.speed.over', { speed, min: p.minKmh, max: p.maxKmh })
      : msg('telemetry.speed.under', { speed, min: p.minKmh, max: p.maxKmh });
  if (s.open) {
    const { episode, out } = extend(s.open, point(f), text);
    return { state: { since, worst, open: episode }, violations: out };
  }
  if ((f.ts - since) / 1000 >= p.debounceS) {
    const open: Episode = { kind, start: since, where: f, track: [point(f)], lastEmit: f.ts, text };
    return { state: { since, worst, open }, violations: [change(open, 'start')] };
  }
  return { state: { since, worst }, violations: NONE };
}

export function speedRule(s: SpeedState, e: RouteEvent, p: SpeedParams, now: number): RuleResult<SpeedState> {
  if (e.type === 'fix') return onFix(s, e.fix, p);
  if (e.type === 'window-end' && s.open)
    return { state: EMPTY, violations: [change(s.open, 'end', Math.min(now, e.window.end))] };
  return { state: s, violations: NONE };
}
