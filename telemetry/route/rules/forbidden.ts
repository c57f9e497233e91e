/**
 * Working inside a forbidden window (e.g. rush hours) for at least `debounceS` seconds; ends `clearS` after it stops.
 */
import { change, extend, point, type Episode } from './episode.ts';
import { type FixObservation, type RouteEvent, type RuleResult, EMPTY, NONE } from './types.ts';
import { at, msg } from '../../../kernel/messages/text.ts';

export interface ForbiddenParams {
  readonly debounceS: number;
  readonly clearS: number;
}

export interface ForbiddenState {
  readonly since?: number;
  readonly open?: Episode;
  readonly clearSince?: number;
}

function onFix(s: ForbiddenState, f: FixObservation, p: ForbiddenParams): RuleResult<ForbiddenState> {
  if (!(f.working && f.forbidden)) {
    if (!s.open) return { state: EMPTY, violations: NONE };
    const clearSince = s.clearSince ?? f.ts;
    if ((f.ts - clearSince) / 1000 >= p.clearS || !f.forbidden)
      return { state: EMPTY, violations: [change(s.open, 'end', clearSince)] };
    return { state: { ...s, clearSince }, violations: NONE };
  }
  const since = s.since ?? f.ts;
  const w = f.forbidden;
  const text = msg('telemetry.forbidden', { from: at(w.start, 'time'), to: at(w.end, 'time') });
  if (s.open) {
    const { episode, out } = extend(s.open, point(f), text);
    return { state: { since, open: episode }, violations: out };
  }
  if ((f.ts - since) / 1000 >= p.debounceS) {
    const open: Episode = {
      kind: 'forbidden-window',
      start: since,
      where: f,
      track: [point(f)],
      lastEmit: f.ts,
      text,
    };
    return { state: { since, open }, violations: [change(open, 'start')] };
  }
  return { state: { since }, violations: NONE };
}

export function forbiddenRule(s: ForbiddenState, e: RouteEvent, p: ForbiddenParams): RuleResult<ForbiddenState> {
  if (e.type === 'fix') return onFix(s, e.fix, p);
  return { state: s, violations: NONE };
}
