/**
 * Off-route: outside the corridor around the assigned streets while on duty, for at least `debounceM` metres driven
 * AND `debounceS` seconds (so a short cross-street excursion or a GPS outlier is not a violation). The violation
 * starts when the vehicle left the corridor and ends once it has been back inside for `clearS` seconds and `clearM`
 * metres driven between fixes inside (hysteresis: a fix jittering across the corridor's edge, or a sparse fix that
 * lands on an assigned street it merely crosses, does not split one deviation into several).
 *
 * Deadhead (needs the plan's depot): from the depot, or from where a vehicle is first seen or comes back on duty, to
 * the route — until `clearM` metres driven on the assigned streets — nothing counts; an excursion that heads straight
 * back to the depot (it got closer to the depot by at
 * least half the distance driven since it left the corridor) is held, and dropped if it reaches the depot: the
 * return leg. One that turns away, or comes back to the route, counts from when it left.
 */
import { change, extend, grow, point, type Episode } from './episode.ts';
import { type FixObservation, type RouteEvent, type RuleResult, type TrackPoint, EMPTY, NONE } from './types.ts';
import { msg, type Text } from '../../../kernel/messages/text.ts';

export interface OffRouteParams {
  readonly corridorM: number;
  readonly debounceM: number;
  readonly debounceS: number;
  readonly clearS: number;
  /** Metres driven back inside before a breach ends (and to arrive on the route from the depot); default 0. */
  readonly clearM?: number;
}

interface Outside {
  readonly since: number;
  readonly drivenM: number;
  readonly maxOffM: number;
  readonly track: readonly TrackPoint[];
  /** Distance to the depot when it left the corridor (with a depot). */
  readonly depotM?: number;
}

export interface OffRouteState {
  /** The current stay outside the corridor, before it counts (or while it heads for the depot). */
  readonly out?: Outside;
  readonly open?: Episode;
  readonly clearSince?: number;
  /** Metres driven inside the corridor since the last fix outside. */
  readonly insideM?: number;
  /** Deadhead from the depot: not yet arrived on the assigned streets. */
  readonly approach?: boolean;
}

/** Share of the distance driven outside that must bring the vehicle closer to the depot to count as going home. */
const HOMING = 0.5;

const describe = (drivenM: number, maxOffM: number, corridorM: number): Text =>
  Number.isFinite(maxOffM)
    ? msg('telemetry.offRoute', { driven: Math.round(drivenM), max: Math.round(maxOffM), corridor: corridorM })
    : msg('telemetry.offRouteFar', { driven: Math.round(drivenM), corridor: corridorM });

const homing = (o: Outside, f: FixObservation): boolean =>
  o.depotM !== undefined && f.depotM !== undefined && o.depotM - f.depotM >= HOMING * o.drivenM;

function opened(o: Outside, p: OffRouteParams, now: number): Episode {
  return {
    kind: 'off-route',
    start: o.since,
    where: o.track[0]!,
    track: o.track,
    lastEmit: now,
    text: describe(o.drivenM, o.maxOffM, p.corridorM),
  };
}

function inside(s: OffRouteState, f: FixObservation, p: OffRouteParams, back: boolean): RuleResult<OffRouteState> {
  const clearM = p.clearM ?? 0;
  const insideM = back ? (s.insideM === undefined ? 0 : s.insideM + f.movedM) : undefined;
  const approach = s.approach === true && (insideM ?? 0) < clearM;
  const flags = { ...(insideM !== undefined ? { insideM } : {}), ...(approach ? { approach } : {}) };
  let open = s.open;
  const out = [];
  // a held excursion (heading for the depot) that came back to the route instead was a deviation after all
  if (back && !open && s.out && s.out.drivenM >= p.debounceM && (f.ts - s.out.since) / 1000 >= p.debounceS) {
    open = opened(s.out, p, f.ts);
    out.push(change(open, 'start'));
  }
  // half in (matched onto the route, the raw fix outside, or the reverse): neither back nor further out
  const kept = !back && s.out ? { out: s.out } : {};
  if (!open) return { state: { ...kept, ...flags }, violations: NONE };
  if (!back) return { state: { open, ...kept }, violations: NONE };
  const clearSince = s.clearSince ?? f.ts;
  if ((f.ts - clearSince) / 1000 >= p.clearS && (insideM ?? 0) >= clearM)
    return { state: flags, violations: [...out, change(open, 'end', clearSince)] };
  return {
    state: { open, clearSince, ...flags, ...(s.out ? { out: s.out } : {}) },
    violations: out.length ? out : NONE,
  };
}

function onFix(s0: OffRouteState, f: FixObservation, p: OffRouteParams): RuleResult<OffRouteState> {
  // with a depot, a vehicle first seen (or back on duty) is on its way from the depot until it arrives on its route
  const s = s0 === EMPTY && f.depotM !== undefined ? { approach: true } : s0;
  const keep: OffRouteState = s.approach ? { approach: true } : EMPTY;
  if (!f.onDuty) return { state: keep, violations: s.open ? [change(s.open, 'end', f.ts)] : NONE };
  if (f.inDepot) return { state: { approach: true }, violations: s.open ? [change(s.open, 'end', f.ts)] : NONE };
  // off the route: the matched position and the raw fix both outside; back on it: both inside (hysteresis against a
  // sparse fix matched onto a parallel road, or onto an assigned street from a parallel one)
  const outside = !f.inCorridor && f.rawInCorridor !== true;
  if (!outside) return inside(s, f, p, f.inCorridor && f.rawInCorridor !== false);
  if (s.approach) return { state: keep, violations: NONE };
  const prev = s.out;
  const out: Outside = {
    since: prev?.since ?? f.ts,
    drivenM: (prev?.drivenM ?? 0) + (prev ? f.movedM : 0),
    maxOffM: Math.max(prev?.maxOffM ?? 0, f.offRouteM),
    track: grow(prev?.track ?? [], point(f)),
    ...((prev ? prev.depotM : f.depotM) !== undefined ? { depotM: prev ? prev.depotM : f.depotM } : {}),
  };
  const text = describe(out.drivenM, out.maxOffM, p.corridorM);
  if (s.open) {
    const { episode, out: changes } = extend(s.open, point(f), text);
    return { state: { out, open: episode }, violations: changes };
  }
  if ((f.ts - out.since) / 1000 >= p.debounceS && out.drivenM >= p.debounceM && !homing(out, f)) {
    const open = opened(out, p, f.ts);
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
    return {
      state: s.approach ? { approach: true } : EMPTY,
      violations: [change(s.open, 'end', Math.min(now, e.window.end))],
    };
  return { state: s, violations: NONE };
}
