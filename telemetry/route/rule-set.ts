/** The rules every vehicle is checked by, run together over one event. Pure: states in, states and changes out. */
import type { VehicleConfig } from '../../kernel/config/schema.ts';
import { bandFor, type ResolvedPlan } from './plan.ts';
import { forbiddenRule, type ForbiddenParams, type ForbiddenState } from './rules/forbidden.ts';
import { longStopRule, type LongStopParams, type LongStopState } from './rules/long-stop.ts';
import { offRouteRule, type OffRouteParams, type OffRouteState } from './rules/off-route.ts';
import { scheduleRule, type ScheduleParams, type ScheduleState } from './rules/schedule.ts';
import { signalLostRule, type SignalLostParams, type SignalLostState } from './rules/signal-lost.ts';
import { speedRule, type SpeedParams, type SpeedState } from './rules/speed.ts';
import type { LatLon } from '../../kernel/geo.ts';
import { EMPTY, type RouteEvent, type ViolationChange } from './rules/types.ts';

/** Radius within which a vehicle counts as standing still (GPS noise of a parked vehicle stays inside). */
export const STOP_RADIUS_M = 25;

export interface RuleParams {
  readonly offRoute: OffRouteParams;
  readonly over: SpeedParams;
  readonly under: SpeedParams;
  readonly stop: LongStopParams;
  readonly signal: SignalLostParams;
  readonly forbidden: ForbiddenParams;
  readonly schedule: ScheduleParams;
}

export interface RuleStates {
  readonly offRoute: OffRouteState;
  readonly over: SpeedState;
  readonly under: SpeedState;
  readonly stop: LongStopState;
  readonly signal: SignalLostState;
  readonly forbidden: ForbiddenState;
  readonly schedule: ScheduleState;
}

export const initialStates: RuleStates = {
  offRoute: EMPTY,
  over: EMPTY,
  under: EMPTY,
  stop: EMPTY,
  signal: EMPTY,
  forbidden: EMPTY,
  schedule: EMPTY,
};

/** `home`: where a finding is placed before the vehicle was ever seen (the depot, else a point of its streets). */
export function ruleParams(plan: ResolvedPlan, type: VehicleConfig['type'], home?: LatLon): RuleParams {
  const band = bandFor(plan, type);
  const speed = { ...band, debounceS: plan.speedDebounceS, clearS: plan.clearS };
  return {
    offRoute: {
      corridorM: plan.corridorM,
      debounceM: plan.offRouteDebounceM,
      debounceS: plan.offRouteDebounceS,
      clearS: plan.clearS,
      clearM: plan.offRouteClearM,
    },
    over: { ...speed, which: 'over' },
    under: { ...speed, which: 'under' },
    stop: { maxStopS: plan.maxStopS, radiusM: STOP_RADIUS_M },
    signal: { maxGapS: plan.maxGapS },
    forbidden: { debounceS: plan.speedDebounceS, clearS: plan.clearS },
    schedule: { graceS: plan.graceS, coverageMin: plan.coverageMin, ...(home ? { home } : {}) },
  };
}

export function applyRules(
  s: RuleStates,
  e: RouteEvent,
  p: RuleParams,
  now: number,
): { states: RuleStates; violations: ViolationChange[] } {
  const offRoute = offRouteRule(s.offRoute, e, p.offRoute, now);
  const over = speedRule(s.over, e, p.over, now);
  const under = speedRule(s.under, e, p.under, now);
  const stop = longStopRule(s.stop, e, p.stop, now);
  const signal = signalLostRule(s.signal, e, p.signal, now);
  const forbidden = forbiddenRule(s.forbidden, e, p.forbidden);
  const schedule = scheduleRule(s.schedule, e, p.schedule, now);
  const all = [offRoute, over, under, stop, signal, forbidden, schedule];
  const violations = all.some((r) => r.violations.length > 0) ? all.flatMap((r) => r.violations) : [];
  const same =
    offRoute.state === s.offRoute &&
    over.state === s.over &&
    under.state === s.under &&
    stop.state === s.stop &&
    signal.state === s.signal &&
    forbidden.state === s.forbidden &&
    schedule.state === s.schedule;
  if (same) return { states: s, violations };
  return {
    states: {
      offRoute: offRoute.state,
      over: over.state,
      under: under.state,
      stop: stop.state,
      signal: signal.state,
      forbidden: forbidden.state,
      schedule: schedule.state,
    },
    violations,
  };
}
