/**
 * Off-route: outside the corridor around the assigned streets while on duty, for at least `debounceM` metres driven
 * AND `debounceS` seconds (so a short cross-street excursion or a GPS outlier is not a violation). The violation
 * starts when the vehicle left the corridor and ends once it has been back inside for `clearS` seconds.
 */
import { change, extend, grow, point, type Episode } from './episode.ts';
import { type FixObservation, type RouteEvent, type RuleResult, type TrackPoint, EMPTY, NONE } from './types.ts';

export interface OffRouteParams {
  readonly corridorM: number;
  readonly debounceM: number;
  readonly debounceS: number;
  readonly clearS: number;
}

export interface OffRouteState {
  /** The current stay outside the corridor, before it counts. */
  readonly out?: {
    readonly since: number;
    readonly drivenM: number;
    readonly maxOffM: number;
    readonly track: readonly TrackPoint[];
  };
  readonly open?: Episode;
  readonly clearSince?: number;
}

const describe = (drivenM: number, maxOffM: number, corridorM: number): string =>
  `off the assigned route for ${Math.round(drivenM)} m, ${Number.isFinite(maxOffM) ? `up to ${Math.round(maxOffM)} m` : 'over 1 km'} from it (corridor ${corridorM} m)`;

function onFix(s: OffRouteState, f: FixObservation, p: OffRouteParams): RuleResult<OffRouteState> {
  if (!f.onDuty)
    return s.open ? { state: EMPTY, violations: [change(s.open, 'end', f.ts)] } : { state: EMPTY, violations: NONE };
  if (f.inCorridor) {
    if (!s.open) return { state: EMPTY, violations: NONE };
    const clearSince = s.clearSince ?? f.ts;
    if ((f.ts - clearSince) / 1000 >= p.clearS)
      return { state: EMPTY, violations: [change(s.open, 'end', clearSince)] };
    return { state: { ...s, clearSince }, violations: NONE };
  }
  const prev = s.out;
  const out = {
    since: prev?.since ?? f.ts,
    drivenM: (prev?.drivenM ?? 0) + (prev ? f.movedM : 0),
    maxOffM: Math.max(prev?.maxOffM ?? 0, f.offRouteM),
    track: grow(prev?.track ?? [], point(f)),
  };
  const description = describe(out.drivenM, out.maxOffM, p.corridorM);
  if (s.open) {
    const { episode, out: changes } = extend(s.open, point(f), description);
    return { state: { out, open: episode }, violations: changes };
  }
  if ((f.ts - out.since) / 1000 >= p.debounceS && out.drivenM >= p.debounceM) {
    const first = out.track[0]!;
    const open: Episode = {
      kind: 'off-route',
      start: out.since,
      where: first,
      track: out.track,
      lastEmit: f.ts,
      description,
    };
    return { state: { out, open }, violations: [change(open, 'start')] };
  }
  return { state: { out }, violations: NONE };
}

export function offRouteRule(
  s: OffRouteState,
  e: RouteEvent,
  p: OffRouteParams,
  now: number,
): RuleResult<OffRouteState> {
  if (e.type === 'fix') return onFix(s, e.fix, p);
  if (e.type === 'window-end' && s.open)
    return { state: EMPTY, violations: [change(s.open, 'end', Math.min(now, e.window.end))] };
  return { state: s, violations: NONE };
}
