/** One matched fix → the FixObservation the rules read (corridor distance, working, windows, depot). */
import { distanceToAssigned } from './corridor.ts';
import { distanceM } from '../../kernel/geo.ts';
import type { Matched } from './matcher.ts';
import type { RoadNetwork } from './network.ts';
import type { ResolvedPlan } from './plan.ts';
import { MOVING_KMH } from './rules/speed.ts';
import type { FixObservation } from './rules/types.ts';
import type { WindowState } from './window-tracker.ts';

/** A fix waiting in the matcher: the position input plus local metres. */
export interface PendingFix {
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly x: number;
  readonly y: number;
  readonly speedKmh?: number;
  readonly work?: { readonly active: boolean };
}

export interface ObserveContext {
  readonly net: RoadNetwork;
  readonly plan: ResolvedPlan;
  readonly speedKmh: number;
  readonly windows: WindowState;
  /** The plan has work windows (else every time is on duty). */
  readonly scheduled: boolean;
  readonly movedM: number;
}

/** How far to look for the assigned streets when describing how far off a vehicle is. */
const DESCRIBE_RADIUS_M = 1000;

export function observe(m: Matched<PendingFix>, c: ObserveContext): FixObservation {
  const f = m.fix;
  const [x, y] = m.pos ? c.net.pointAt(m.pos.seg, m.pos.t) : [f.x, f.y];
  // matched onto an assigned street: on the route (no search needed)
  let offRouteM =
    m.pos && c.plan.assigned.has(m.pos.seg) ? 0 : distanceToAssigned(c.net, c.plan.assigned, x, y, c.plan.corridorM);
  const inCorridor = offRouteM <= c.plan.corridorM;
  // the raw fix too (the rules' hysteresis): a sparse fix is sometimes matched onto a parallel road
  const rawInCorridor = distanceToAssigned(c.net, c.plan.assigned, f.x, f.y, c.plan.corridorM) <= c.plan.corridorM;
  if (!inCorridor) offRouteM = distanceToAssigned(c.net, c.plan.assigned, x, y, DESCRIBE_RADIUS_M);
  const work = c.scheduled ? c.windows.work : null;
  const inferred =
    c.speedKmh >= MOVING_KMH && inCorridor && (!c.scheduled || work !== null || c.windows.forbidden !== null);
  const working = f.work ? f.work.active : inferred;
  const d = c.plan.depot;
  const depotM = d ? distanceM(d, f) : undefined;
  return {
    ts: f.ts,
    lat: f.lat,
    lon: f.lon,
    offRouteM,
    inCorridor,
    rawInCorridor,
    movedM: c.movedM,
    speedKmh: c.speedKmh,
    working,
    window: work,
    forbidden: c.windows.forbidden,
    onDuty: !c.scheduled || work !== null || working,
    inDepot: d !== undefined && depotM !== undefined && depotM <= d.radiusM,
    ...(depotM !== undefined ? { depotM } : {}),
  };
}
