/** Offline check of a recorded trace against assigned streets: what `gridwatch check-route` prints. */
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { Violation } from '../../kernel/types/vehicle.ts';
import type { Trace } from '../trace/index.ts';
import { byVehicle } from '../trace/index.ts';
import type { MatchParams } from './matcher.ts';
import type { RoadNetwork } from './network.ts';
import { PathFinder } from './paths.ts';
import type { ResolvedPlan } from './plan.ts';
import { VehicleRoute, type RouteVehicle } from './vehicle-route.ts';

export interface ViolationSummary {
  readonly kind: Violation['kind'];
  readonly start: string;
  readonly end: string | null;
  readonly where: { readonly lat: number; readonly lon: number };
  readonly description: string;
  readonly missed?: readonly string[];
  /** The full violation (with track evidence); left out of the printed report. */
  readonly violation: Violation;
}

export interface TraceReport {
  readonly vehicle: string | null;
  readonly fixes: number;
  /** Fixes with the timestamp of an earlier one: not checked (the first counts), as in the live pipeline. */
  readonly duplicates: number;
  readonly coverage: number;
  readonly assigned_m: number;
  readonly covered_m: number;
  readonly missed: readonly string[];
  readonly missed_streets: readonly string[];
  readonly distance_m: number;
  readonly working_m: number;
  readonly violations: readonly ViolationSummary[];
}

export interface CheckOptions {
  readonly net: RoadNetwork;
  readonly plan: ResolvedPlan;
  readonly type?: RouteVehicle['type'];
  readonly match?: MatchParams;
}

const iso = (t: number): string => new Date(t).toISOString();

/** The final state of each violation (last event wins), in start order. */
export function finalViolations(events: readonly ViolationEvent[]): Violation[] {
  const last = new Map<string, Violation>();
  for (const e of events) last.set(e.violation.id, e.violation);
  return [...last.values()].sort((a, b) => a.start - b.start);
}

export function checkVehicleTrace(fixes: Trace, vehicleId: string | null, o: CheckOptions): TraceReport {
  const finder = new PathFinder(o.net);
  const route = new VehicleRoute(
    { id: vehicleId ?? 'trace', type: o.type ?? 'other' },
    { net: o.net, finder, plan: o.plan, wholeTrace: true, ...(o.match ? { match: o.match } : {}) },
  );
  const events: ViolationEvent[] = [];
  for (const f of fixes) events.push(...route.fix(f));
  events.push(...route.finish());
  const days = route.reports();
  const windows = days.flatMap((d) => d.windows);
  const assigned = windows.reduce((a, w) => a + w.assignedM, 0);
  const covered = windows.reduce((a, w) => a + w.coveredM, 0);
  return {
    vehicle: vehicleId,
    fixes: fixes.length,
    duplicates: route.duplicates,
    coverage: assigned > 0 ? covered / assigned : 0,
    assigned_m: Math.round(o.plan.assignedM),
    covered_m: Math.round(covered / Math.max(1, windows.length)),
    missed: [...new Set(windows.flatMap((w) => w.missedSegments))],
    missed_streets: [...new Set(windows.flatMap((w) => w.missedNames))],
    distance_m: Math.round(days.reduce((a, d) => a + d.distanceM, 0)),
    working_m: Math.round(days.reduce((a, d) => a + d.workingM, 0)),
    violations: finalViolations(events).map((v) => ({
      kind: v.kind,
      start: iso(v.start),
      end: v.end !== undefined ? iso(v.end) : null,
      where: v.where,
      description: v.description,
      ...(v.missedSegments.length ? { missed: v.missedSegments } : {}),
      violation: v,
    })),
  };
}

/** Check every vehicle of the trace (one report per vehicle id; one report for a trace without ids). */
export function checkTrace(trace: Trace, o: CheckOptions): TraceReport[] {
  return [...byVehicle(trace)].map(([id, fixes]) => checkVehicleTrace(fixes, id || null, o));
}
