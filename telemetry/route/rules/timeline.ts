/** Test helper: run one rule over a timeline of events and collect every violation change. */
import type { WindowInstance } from '../windows.ts';
import type { FixObservation, RouteEvent, Rule, ViolationChange } from './types.ts';

export const T0 = Date.parse('2026-03-02T06:00:00Z');
export const sec = (s: number): number => T0 + s * 1000;

/** A fix at `s` seconds after T0, on duty, in the corridor, working at 6 km/h, unless overridden. */
export function fix(s: number, over: Partial<FixObservation> = {}): RouteEvent {
  return {
    type: 'fix',
    fix: {
      ts: sec(s),
      lat: 34.74 + s * 1e-6,
      lon: -86.57,
      offRouteM: 0,
      inCorridor: true,
      movedM: 5,
      speedKmh: 6,
      working: true,
      window: null,
      forbidden: null,
      onDuty: true,
      inDepot: false,
      ...over,
    },
  };
}

export function tick(
  window: WindowInstance | null,
  lastFixTs: number | null,
  windowsDefined = true,
  lastArrival?: number,
): RouteEvent {
  return { type: 'tick', window, windowsDefined, lastFixTs, ...(lastArrival !== undefined ? { lastArrival } : {}) };
}

export interface Step {
  readonly at: number;
  readonly event: RouteEvent;
}

/** Feed events in order; `now` is the fix time for fixes and `at` for others. */
export function runTimeline<S, P>(
  rule: Rule<S, P>,
  init: S,
  params: P,
  steps: readonly (RouteEvent | Step)[],
): ViolationChange[] {
  let state = init;
  const out: ViolationChange[] = [];
  for (const step of steps) {
    const { event, at } = 'event' in step ? step : { event: step, at: step.type === 'fix' ? step.fix.ts : T0 };
    const r = rule(state, event, params, at);
    state = r.state;
    out.push(...r.violations);
  }
  return out;
}

/** Compact form for assertions: "start off-route @120" (seconds after T0). */
export function summary(changes: readonly ViolationChange[]): string[] {
  const s = (t: number): number => Math.round((t - T0) / 1000);
  return changes.map((c) => `${c.phase} ${c.kind} @${s(c.start)}${c.end !== undefined ? `..${s(c.end)}` : ''}`);
}
