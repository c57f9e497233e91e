/**
 * Per work window: late start (no work by window start + grace; ends at the first work or the window end) and
 * incomplete coverage (at the window end, coverage below the minimum; evidence: the missed segments).
 */
import type { WindowInstance } from '../windows.ts';
import type { LatLon } from '../../../kernel/geo.ts';
import { change, grow, point, type Episode } from './episode.ts';
import { type RouteEvent, type RuleResult, type TrackPoint, NONE } from './types.ts';
import { at, list, msg } from '../../../kernel/messages/text.ts';

export interface ScheduleParams {
  readonly graceS: number;
  readonly coverageMin: number;
  /** Where a finding is placed before the vehicle was ever seen: the plan's depot, else its assigned streets. */
  readonly home?: LatLon;
}

export interface ScheduleState {
  readonly window?: WindowInstance;
  readonly worked?: boolean;
  readonly late?: Episode;
  readonly lastWhere?: LatLon;
  /** The vehicle's fixes in the current window (evidence of a late start or of the coverage). */
  readonly track?: readonly TrackPoint[];
}

const NOWHERE = { lat: 0, lon: 0 };

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function lateCheck(
  s: ScheduleState,
  window: WindowInstance | null,
  now: number,
  p: ScheduleParams,
): RuleResult<ScheduleState> {
  if (!window) return { state: s, violations: NONE };
  const st = s.window?.key === window.key ? s : { lastWhere: s.lastWhere, window, worked: false, track: [] };
  const due = window.start + p.graceS * 1000;
  if (st.worked || st.late || now < due || now >= window.end) return { state: st, violations: NONE };
  const late: Episode = {
    kind: 'late-start',
    start: due,
    where: st.lastWhere ?? p.home ?? NOWHERE,
    track: st.track ?? [],
    lastEmit: now,
    text: msg('telemetry.lateStart', {
      due: at(due, 'time'),
      start: at(window.start, 'time'),
      grace: Math.round(p.graceS / 60),
    }),
  };
  return { state: { ...st, late }, violations: [change(late, 'start')] };
}

export function scheduleRule(
  s: ScheduleState,
  e: RouteEvent,
  p: ScheduleParams,
  now: number,
): RuleResult<ScheduleState> {
  if (e.type === 'tick') return lateCheck(s, e.window, now, p);
  if (e.type === 'fix') {
    const f = e.fix;
    const r0 = lateCheck({ ...s, lastWhere: f }, f.window, f.ts, p);
    const track = r0.state.track ?? [];
    // the window's track as evidence, a point a minute (a copy per point, so not at every fix)
    const add =
      f.window !== null && r0.state.window?.key === f.window.key && !(f.ts - (track.at(-1)?.ts ?? -Infinity) < 60_000);
    const r = add ? { ...r0, state: { ...r0.state, track: grow(track, point(f)) } } : r0;
    if (!f.window || !f.working) return r;
    const st = { ...r.state, worked: true, late: undefined };
    return { state: st, violations: [...r.violations, ...(r.state.late ? [change(r.state.late, 'end', f.ts)] : [])] };
  }
  const out = [];
  let late = s.window?.key === e.window.key ? s.late : undefined;
  if (
    !late &&
    e.scheduled &&
    !(s.window?.key === e.window.key && s.worked) &&
    p.graceS * 1000 < e.window.end - e.window.start
  ) {
    const track = s.window?.key === e.window.key ? s.track : [];
    late = lateCheck(
      { lastWhere: s.lastWhere, window: e.window, worked: false, ...(track ? { track } : {}) },
      e.window,
      e.window.start + p.graceS * 1000,
      p,
    ).state.late;
    if (late) out.push(change(late, 'start'));
  }
  if (late) out.push(change(late, 'end', e.window.end));
  if (e.coverage < p.coverageMin) {
    const ep: Episode = {
      kind: 'incomplete-coverage',
      start: e.window.start,
      where: e.where ?? s.lastWhere ?? p.home ?? NOWHERE,
      track: s.window?.key === e.window.key ? (s.track ?? []) : [],
      lastEmit: e.window.end,
      text: e.missedNames.length
        ? msg('telemetry.coverage', {
            covered: pct(e.coverage),
            assigned: Math.round(e.assignedM),
            min: pct(p.coverageMin),
            missed: list(e.missedNames),
          })
        : msg('telemetry.coverageSegments', {
            covered: pct(e.coverage),
            assigned: Math.round(e.assignedM),
            min: pct(p.coverageMin),
            n: e.missed.length,
          }),
    };
    out.push(change(ep, 'start', undefined, e.missed), change(ep, 'end', e.window.end, e.missed));
  }
  return { state: { lastWhere: s.lastWhere }, violations: out };
}
