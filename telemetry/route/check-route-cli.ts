/** What `gridwatch check-route` does, without commander: options → network + plan → per-vehicle reports. */
import { planSchema } from '../../kernel/config/vehicles.ts';
import { InputError } from '../../kernel/errors.ts';
import { parseIsoTime } from '../trace/time.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { byVehicle, readTrace, type Trace } from '../trace/index.ts';
import { checkTrace, checkVehicleTrace, type TraceReport } from './check-trace.ts';
import { loadRouteSetup, planOf } from './network-source.ts';
import { readRoadLines } from './load-roads.ts';
import { RoadNetwork } from './network.ts';
import { resolvePlan } from './plan.ts';

export interface CheckRouteOptions {
  readonly trace: string;
  /** Assigned streets; or give `config` to check each vehicle against its configured plan. */
  readonly streets?: string;
  readonly config?: string;
  /** With `config`: this plan instead of each vehicle's own. */
  readonly plan?: string;
  readonly roads?: string;
  readonly corridorM?: number;
  readonly speedMaxKmh?: number;
  readonly speedMinKmh?: number;
  /** ISO start time for traces with relative times. */
  readonly start?: string;
  readonly tz?: string;
  readonly vehicle?: string;
}

export interface CheckRouteResult {
  readonly reports: readonly TraceReport[];
  readonly elapsedMs: number;
}

function positive(v: number | undefined, flag: string): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0))
    throw new InputError(`${flag} must be a positive number, got ${String(v)}`);
}

export function runCheckRoute(o: CheckRouteOptions): CheckRouteResult {
  const t0 = performance.now();
  positive(o.corridorM, '--corridor-m');
  positive(o.speedMaxKmh, '--speed-max-kmh');
  let start: number | undefined;
  if (o.start !== undefined) {
    const s = parseIsoTime(o.start, o.tz);
    if (s === null)
      throw new InputError(`--start must be an ISO 8601 time such as 2026-03-02T06:00:00Z, got "${o.start}"`);
    start = s;
  }
  const trace = readTrace(o.trace, { ...(start !== undefined ? { start } : {}), ...(o.tz ? { tz: o.tz } : {}) });
  const fixes = o.vehicle ? trace.filter((f) => f.vehicleId === o.vehicle) : trace;
  if (fixes.length === 0) throw new InputError(`${o.trace}: no fixes of vehicle "${o.vehicle}"`);
  const reports = o.config ? checkAgainstConfig(fixes, o.config, o.plan) : checkAgainstStreets(fixes, o);
  return { reports, elapsedMs: performance.now() - t0 };
}

function checkAgainstStreets(fixes: Trace, o: CheckRouteOptions): TraceReport[] {
  if (!o.streets) throw new InputError('give --streets FILE (or --config FILE to use the configured plans)');
  const streets = readRoadLines(o.streets);
  const net = new RoadNetwork(o.roads ? readRoadLines(o.roads) : streets, o.roads ?? o.streets);
  const plan = planSchema.parse({
    id: 'check-route',
    streets: o.streets,
    ...(o.corridorM !== undefined ? { corridorM: o.corridorM } : {}),
    speed: { minKmh: o.speedMinKmh ?? 0, maxKmh: o.speedMaxKmh ?? 200 },
  });
  const resolved = resolvePlan(plan, net, streets, `--streets ${o.streets}`);
  return checkTrace(fixes, { net, plan: resolved });
}

/** Each vehicle of the trace against its plan in the config file (windows, speed band by type, …). */
function checkAgainstConfig(fixes: Trace, file: string, planId?: string): TraceReport[] {
  const { config, baseDir } = loadConfigFile(file);
  const setup = loadRouteSetup(config, baseDir);
  if (!setup) throw new InputError(`${file}: no plans configured`);
  return [...byVehicle(fixes)].map(([id, list]) => {
    const vehicle = config.vehicles.find((v) => v.id === id);
    const pid = planId ?? (vehicle ? planOf(config, vehicle) : undefined);
    const ps = pid ? setup.plans.get(pid) : undefined;
    if (!ps)
      throw new InputError(
        planId
          ? `--plan: no plan "${planId}" in ${file}`
          : `${file}: vehicle "${id || '(no id)'}" has no plan (give --plan ID)`,
      );
    const plan = vehicle?.depot ? { ...ps.plan, depot: vehicle.depot } : ps.plan; // a vehicle's own depot
    return checkVehicleTrace(list, id || null, { net: ps.net, plan, type: vehicle?.type ?? 'other' });
  });
}

const n = (x: number, d = 0): string => x.toFixed(d);

/** Human-readable report. */
export function formatReports(r: CheckRouteResult): string {
  const lines: string[] = [];
  for (const rep of r.reports) {
    lines.push(
      `vehicle      ${rep.vehicle ?? '(trace)'} ` +
        `(${rep.fixes} fixes, ${rep.duplicates} duplicates, ${n(rep.distance_m)} m driven)`,
    );
    lines.push(`coverage     ${n(rep.coverage, 3)}`);
    lines.push(`assigned_m   ${rep.assigned_m}`);
    lines.push(`covered_m    ${rep.covered_m}`);
    const names = rep.missed_streets.length ? ` (${rep.missed_streets.join(', ')})` : '';
    const more = rep.missed.length > 20 ? ' …' : '';
    const list = rep.missed.length ? `: ${rep.missed.slice(0, 20).join(' ')}${more}` : '';
    lines.push(`missed       ${rep.missed.length} segments${names}${list}`);
    lines.push(`violations   ${rep.violations.length}`);
    for (const v of rep.violations) {
      lines.push(
        `  ${v.kind.padEnd(20)} ${v.start} → ${v.end ?? 'open'}  at ${n(v.where.lat, 5)},${n(v.where.lon, 5)}  ` +
          `${v.description}`,
      );
    }
    lines.push('');
  }
  lines.push(`checked in ${n(r.elapsedMs)} ms`);
  return `${lines.join('\n')}\n`;
}

/** JSON report: one object for a single vehicle, `{ vehicles: [...] }` for several; evidence tracks left out. */
export function jsonReports(r: CheckRouteResult): unknown {
  const strip = (rep: TraceReport) => ({
    ...rep,
    violations: rep.violations.map(({ violation: _v, ...rest }) => rest),
  });
  const elapsed_ms = Math.round(r.elapsedMs);
  return r.reports.length === 1
    ? { ...strip(r.reports[0]!), elapsed_ms }
    : { vehicles: r.reports.map(strip), elapsed_ms };
}
