/** The simulated vehicles of a configuration (mqtt.simulate): each on its plan's streets, from its depot. */
import type { Config } from '../../kernel/config/schema.ts';
import { InputError } from '../../kernel/errors.ts';
import { loadRouteSetup, planOf } from '../route/network-source.ts';
import { SimVehicle } from './schedule.ts';
import { PROFILES } from './timeline.ts';
import { tourNet } from './tour.ts';

/** Throws InputError naming `mqtt.simulate…` when a vehicle cannot be simulated. */
export function simVehicles(config: Config, baseDir: string): SimVehicle[] {
  const sim = config.mqtt.simulate;
  if (!sim) return [];
  if (!config.roads) throw new InputError('mqtt.simulate: needs a road network (roads.file) to drive on');
  const setup = loadRouteSetup(config, baseDir);
  const ids = sim.vehicles ?? config.vehicles.filter((v) => planOf(config, v)).map((v) => v.id);
  return ids.map((id, i) => {
    const where = sim.vehicles ? `mqtt.simulate.vehicles[${i}]` : `mqtt.simulate (vehicle "${id}")`;
    const v = config.vehicles.find((x) => x.id === id);
    if (!v) throw new InputError(`${where}: unknown vehicle "${id}"`);
    const planId = planOf(config, v);
    const p = planId ? setup?.plans.get(planId) : undefined;
    if (!p) throw new InputError(`${where}: vehicle "${id}" follows no plan`);
    const depot = v.depot ?? p.plan.depot;
    if (!depot) throw new InputError(`${where}: plan "${p.plan.id}" (or vehicle "${id}") needs a depot to start from`);
    if (p.plan.windows.length === 0) throw new InputError(`${where}: plan "${p.plan.id}" needs work windows`);
    return new SimVehicle({
      id,
      seed: sim.seed,
      tour: tourNet(p.net, p.plan.assigned, depot),
      profile: PROFILES[v.type],
      windows: p.plan.windows,
      timezone: p.plan.timezone,
      intervalS: sim.intervalSeconds,
      parkedIntervalS: sim.parkedIntervalSeconds,
      noiseM: sim.noiseM,
      incidents: { lateStart: sim.lateStart, gap: sim.signalGap, deviation: sim.deviation },
    });
  });
}
