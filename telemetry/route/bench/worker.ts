/**
 * Benchmark worker: checks its share of the simulated fleet on the real Huntsville network, in time order across
 * its vehicles (as live traffic arrives), then runs the bare baseline (nearest-segment lookup per fix) on the same
 * fixes. Reports counts and timings to the parent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { planSchema } from '../../../kernel/config/vehicles.ts';
import type { ViolationKind } from '../../../kernel/types/vehicle.ts';
import { loadRoadNetwork } from '../load-roads.ts';
import { PathFinder } from '../paths.ts';
import { resolvePlan } from '../plan.ts';
import { VehicleRoute } from '../vehicle-route.ts';
import { simulateVehicle, type SimOptions } from './fleet.ts';

export interface WorkerInput {
  readonly network: string;
  readonly first: number;
  readonly count: number;
  readonly sim: SimOptions;
}

export interface WorkerResult {
  readonly vehicles: number;
  readonly fixes: number;
  readonly simMs: number;
  readonly checkMs: number;
  /** Process-wide CPU time (µs, cumulative) when this worker started and ended checking. */
  readonly cpuStartUs: number;
  readonly cpuEndUs: number;
  readonly baselineMs: number;
  readonly violations: Partial<Record<ViolationKind, number>>;
  readonly meanCoverage: number;
}

const input = workerData as WorkerInput;
const net = loadRoadNetwork(input.network);
const finder = new PathFinder(net);
let t = performance.now();
const fleet = Array.from({ length: input.count }, (_, i) =>
  simulateVehicle(net, `V${input.first + i}`, 1000 + input.first + i, input.sim),
);
const simMs = performance.now() - t;
const routes = fleet.map((v) => {
  const roadIds = [...new Set(v.route.map((s) => net.segIds[s]!.replace(/:\d+$/, '')))];
  const plan = resolvePlan(
    planSchema.parse({
      id: `plan-${v.id}`,
      roadIds,
      timezone: 'America/Chicago',
      windows: [{ start: '05:00', end: '15:00' }],
      coverageMin: 0.9,
    }),
    net,
    [],
  );
  return new VehicleRoute({ id: v.id, type: 'sweeper' }, { net, finder, plan });
});
const violations: Partial<Record<ViolationKind, number>> = {};
let fixes = 0;
t = performance.now();
const cpu0 = process.cpuUsage();
const cursor = new Int32Array(fleet.length);
for (let live = fleet.length; live > 0; ) {
  live = 0;
  for (let v = 0; v < fleet.length; v++) {
    const sim = fleet[v]!;
    const end = Math.min(cursor[v]! + 12, sim.ts.length); // one minute of this vehicle, then the next vehicle
    for (let k = cursor[v]!; k < end; k++) {
      for (const e of routes[v]!.fix({ ts: sim.ts[k]!, lat: sim.lat[k]!, lon: sim.lon[k]! })) {
        if (e.phase === 'start') violations[e.violation.kind] = (violations[e.violation.kind] ?? 0) + 1;
      }
      fixes++;
    }
    cursor[v] = end;
    if (end < sim.ts.length) live++;
  }
}
for (const r of routes) {
  for (const e of r.finish(input.sim.start + input.sim.hours * 3_600_000 + 60_000)) {
    if (e.phase === 'start') violations[e.violation.kind] = (violations[e.violation.kind] ?? 0) + 1;
  }
}
const checkMs = performance.now() - t;
const cpu1 = process.cpuUsage();
const coverages = routes.flatMap((r) => r.reports().flatMap((d) => d.windows.map((w) => w.coverage)));
t = performance.now();
let hits = 0;
for (const sim of fleet) {
  for (let k = 0; k < sim.ts.length; k++)
    if (net.nearest(net.proj.x(sim.lon[k]!), net.proj.y(sim.lat[k]!), 80) >= 0) hits++;
}
const baselineMs = performance.now() - t;
const result: WorkerResult = {
  vehicles: fleet.length,
  fixes: fixes + (hits < 0 ? 1 : 0),
  simMs,
  checkMs,
  cpuStartUs: cpu0.user + cpu0.system,
  cpuEndUs: cpu1.user + cpu1.system,
  baselineMs,
  violations,
  meanCoverage: coverages.reduce((a, b) => a + b, 0) / Math.max(1, coverages.length),
};
parentPort?.postMessage(result);
