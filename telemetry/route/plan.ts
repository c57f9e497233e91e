/** A configured work plan resolved against the road network: assigned segments and every threshold in one place. */
import path from 'node:path';
import type { PlanConfig, VehicleConfig } from '../../kernel/config/schema.ts';
import { InputError } from '../../kernel/errors.ts';
import type { ViolationKind } from '../../kernel/types/vehicle.ts';
import { conflate } from './conflate.ts';
import { readRoadLines } from './load-roads.ts';
import type { RoadNetwork } from './network.ts';
import type { RoadLine } from './roads.ts';
import type { TimeWindow } from '../../kernel/time.ts';

export interface SpeedBand {
  readonly minKmh: number;
  readonly maxKmh: number;
}

export const DEFAULT_BANDS: Readonly<Record<VehicleConfig['type'], SpeedBand>> = {
  sweeper: { minKmh: 3, maxKmh: 8 },
  sprinkler: { minKmh: 5, maxKmh: 15 },
  washer: { minKmh: 5, maxKmh: 15 },
  'garbage-truck': { minKmh: 0, maxKmh: 30 },
  other: { minKmh: 0, maxKmh: 30 },
};

export const DEFAULT_CATEGORIES: Readonly<Record<ViolationKind, string>> = {
  'off-route': '90-01',
  'incomplete-coverage': '90-02',
  overspeed: '90-03',
  underspeed: '90-04',
  'late-start': '90-05',
  'long-stop': '90-06',
  'signal-lost': '90-07',
  'forbidden-window': '90-08',
};

export interface ResolvedPlan {
  readonly id: string;
  readonly name?: string;
  readonly assigned: ReadonlySet<number>;
  /** The assigned street (line of the streets file, or road) each assigned segment belongs to. */
  readonly streetOf: ReadonlyMap<number, { readonly id: string; readonly name?: string }>;
  readonly assignedM: number;
  readonly corridorM: number;
  readonly timezone: string;
  readonly windows: readonly TimeWindow[];
  readonly forbidden: readonly TimeWindow[];
  readonly speed?: SpeedBand;
  readonly speedByType: Partial<Record<VehicleConfig['type'], SpeedBand>>;
  readonly speedDebounceS: number;
  readonly coverageMin: number;
  readonly passes: number;
  readonly graceS: number;
  readonly maxStopS: number;
  readonly depot?: { readonly lat: number; readonly lon: number; readonly radiusM: number };
  readonly maxGapS: number;
  readonly offRouteDebounceM: number;
  readonly offRouteDebounceS: number;
  readonly clearS: number;
  readonly offRouteClearM: number;
  readonly categories: Readonly<Record<ViolationKind, string>>;
}

export function bandFor(plan: ResolvedPlan, type: VehicleConfig['type']): SpeedBand {
  return plan.speed ?? plan.speedByType[type] ?? DEFAULT_BANDS[type];
}

/** Street lines of a plan's `streets` file (resolved against `baseDir`), or [] when it has none. */
export function planStreetLines(plan: PlanConfig, baseDir: string): RoadLine[] {
  return plan.streets ? readRoadLines(path.resolve(baseDir, plan.streets)) : [];
}

/** Resolve a plan; throws InputError naming the plan field when streets or road ids do not fit the network. */
export function resolvePlan(
  plan: PlanConfig,
  net: RoadNetwork,
  streets: readonly RoadLine[],
  where = `plan "${plan.id}"`,
): ResolvedPlan {
  const streetOf = new Map<number, { id: string; name?: string }>();
  if (plan.streets) {
    if (streets.length === 0) throw new InputError(`${where}: streets file ${plan.streets} holds no LineStrings`);
    for (const [s, l] of conflate(net, streets, `${where} streets ${plan.streets}`))
      streetOf.set(s, { id: l.id, ...(l.name ? { name: l.name } : {}) });
  }
  (plan.roadIds ?? []).forEach((id, i) => {
    const segs = net.roadSegments(id);
    if (!segs) throw new InputError(`${where}.roadIds[${i}]: unknown road "${id}" (not in the road network)`);
    for (const s of segs)
      if (!streetOf.has(s)) streetOf.set(s, { id, ...(net.segName[s] ? { name: net.segName[s] } : {}) });
  });
  const assigned = new Set(streetOf.keys());
  if (assigned.size === 0) throw new InputError(`${where}: no assigned street lies on the road network`);
  let assignedM = 0;
  for (const s of assigned) assignedM += net.segLen[s]!;
  const categories = { ...DEFAULT_CATEGORIES, ...(plan.categories ?? {}) } as Record<ViolationKind, string>;
  return {
    id: plan.id,
    ...(plan.name ? { name: plan.name } : {}),
    assigned,
    streetOf,
    assignedM,
    corridorM: plan.corridorM,
    timezone: plan.timezone,
    windows: plan.windows,
    forbidden: plan.forbidden,
    ...(plan.speed ? { speed: plan.speed } : {}),
    speedByType: plan.speedByType ?? {},
    speedDebounceS: plan.speedDebounceSeconds,
    coverageMin: plan.coverageMin,
    passes: plan.passes,
    graceS: plan.startGraceMinutes * 60,
    maxStopS: plan.maxStopMinutes * 60,
    ...(plan.depot ? { depot: plan.depot } : {}),
    maxGapS: plan.maxGapSeconds,
    offRouteDebounceM: plan.offRouteDebounceM,
    offRouteDebounceS: plan.offRouteDebounceSeconds,
    clearS: plan.clearSeconds,
    offRouteClearM: plan.offRouteClearM,
    categories,
  };
}
