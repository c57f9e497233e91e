/** The road network and resolved plans of a configuration: `roads.file`, else the plans' own street lines. */
import path from 'node:path';
import type { Config } from '../../kernel/config/schema.ts';
import { InputError, errorMessage } from '../../kernel/errors.ts';
import { loadRoadNetwork } from './load-roads.ts';
import { RoadNetwork } from './network.ts';
import { planStreetLines, resolvePlan, type ResolvedPlan } from './plan.ts';
import type { RoadLine } from './roads.ts';

export interface PlanSetup {
  readonly net: RoadNetwork;
  readonly plan: ResolvedPlan;
}

export interface RouteSetup {
  /** The shared road network (roads.file), or null when each plan is matched on its own streets. */
  readonly roads: RoadNetwork | null;
  readonly plans: ReadonlyMap<string, PlanSetup>;
}

/**
 * Load and resolve; throws InputError naming the config path (roads.file, plans[i]…) of what is wrong. Without a
 * road network each plan's own streets are its network (vehicles are matched onto their assigned streets only).
 */
export function loadRouteSetup(config: Config, baseDir: string): RouteSetup | null {
  if (config.plans.length === 0) return null;
  const streets = new Map<string, RoadLine[]>();
  config.plans.forEach((p, i) => {
    try {
      streets.set(p.id, planStreetLines(p, baseDir));
    } catch (err) {
      throw new InputError(`plans[${i}].streets: ${errorMessage(err)}`, { cause: err });
    }
  });
  let roads: RoadNetwork | null = null;
  if (config.roads) {
    const file = path.resolve(baseDir, config.roads.file);
    roads = loadRoadNetwork(file, {
      maxSegmentM: config.roads.maxSegmentM,
      ...(config.roads.highways ? { highways: config.roads.highways } : {}),
    });
  }
  const plans = new Map<string, PlanSetup>();
  config.plans.forEach((p, i) => {
    const where = `plans[${i}] ("${p.id}")`;
    const lines = streets.get(p.id) ?? [];
    if (!roads && !p.streets)
      throw new InputError(`${where}: without a road network (roads.file) a plan needs a streets file`);
    const net = roads ?? new RoadNetwork(lines, `${where} streets ${p.streets}`);
    plans.set(p.id, { net, plan: resolvePlan(p, net, lines, where) });
  });
  return { roads, plans };
}

/** The plan a vehicle follows: its own, else its contractor's group plan. */
export function planOf(config: Config, vehicle: Config['vehicles'][number]): string | undefined {
  return (
    vehicle.plan ?? (vehicle.contractor ? config.plans.find((p) => p.contractor === vehicle.contractor)?.id : undefined)
  );
}
