/**
 * The demo fleet as the live demo runs it (test helper): demo/jerseycity.yaml's vehicles and plans, the Jersey City
 * trucks of demo/traces replayed as `mqtt.replay` does (times shifted so the trace starts at `startAt`, `work: true`,
 * duplicates dropped by the pipeline's order stage), through the RouteService with a clock ticking every 10 s.
 */
import path from 'node:path';
import type { ViolationEvent } from '../../kernel/bus.ts';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { repoRoot, tempDir } from '../../kernel/testing.ts';
import type { Position } from '../../kernel/types/index.ts';
import { readTrace } from '../trace/index.ts';
import { distanceToAssigned } from './corridor.ts';
import { distanceM } from '../../kernel/geo.ts';
import { RouteService } from './service.ts';

export const DEMO_CONFIG = path.join(repoRoot, 'demo/jerseycity.yaml');
export const DEMO_TRACE = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');

/**
 * The demo's positions per vehicle, re-dated to start at `startAt` (undefined: as recorded), in order, no duplicates.
 */
export function demoPositions(startAt?: number, work = true): Position[] {
  const trace = readTrace(DEMO_TRACE, { tz: 'America/New_York' });
  const t0 = trace[0]!.ts;
  const last = new Map<string, number>();
  const out: Position[] = [];
  for (const f of trace) {
    const ts = startAt === undefined ? f.ts : startAt + (f.ts - t0);
    const id = f.vehicleId!;
    if ((last.get(id) ?? -Infinity) >= ts) continue; // the order stage: a duplicate or older fix goes no further
    last.set(id, ts);
    out.push({
      vehicleId: id,
      ts,
      lat: f.lat,
      lon: f.lon,
      receivedAt: ts,
      late: false,
      ...(work ? { work: { active: true } } : {}),
    });
  }
  return out;
}

export interface DemoRun {
  readonly events: ViolationEvent[];
  readonly svc: RouteService;
  readonly bus: EventBus;
  readonly clock: ManualClock;
}

/** Run the demo fleet through the route service; `bus` lets a caller subscribe (e.g. the cases module) first. */
export async function runDemoFleet(
  positions: readonly Position[],
  bus: EventBus = new EventBus(silentLogger()),
  before?: (ctx: AppContext) => Promise<void>,
  /** The wall time a position arrives (the clock ticks on it): its fix time unless given. */
  arrives: (p: Position) => number = (p) => p.ts,
): Promise<DemoRun> {
  const { config, baseDir } = loadConfigFile(DEMO_CONFIG);
  const clock = new ManualClock(arrives(positions[0]!));
  const events: ViolationEvent[] = [];
  bus.on('violation', (e) => void events.push(e));
  const ctx: AppContext = {
    config,
    baseDir,
    dataDir: tempDir('gw-demo-fleet-'),
    bus,
    log: silentLogger(),
    clock,
    startedAt: clock.now(),
  };
  await before?.(ctx);
  const svc = new RouteService(ctx, { tickMs: 0 });
  await svc.start();
  let next = clock.now() + 10_000;
  for (const p of positions) {
    for (; next <= arrives(p); next += 10_000) svc.tick(next);
    clock.set(arrives(p));
    svc.observe(p);
  }
  for (const end = next + 3_600_000; next <= end; next += 10_000) svc.tick(next);
  await svc.stop();
  return { events, svc, bus, clock };
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Legs {
  /** Stays off the assigned streets between arriving on the route and leaving it for the depot. */
  readonly deviations: readonly Span[];
  /** From the first fix or the depot to the route, and from the route back to the depot. */
  readonly deadhead: readonly Span[];
}

/**
 * An account of a vehicle's day independent of the rules, from the raw fixes: a fix is on the route within the
 * corridor of an assigned street, off beyond corridor + 20 m (GPS noise); two consecutive on-route fixes end a stay
 * off it. Deadhead: a stay before the first on-route fix (from the depot or where the vehicle was first seen), or one
 * that ends in the depot driving at most twice the straight distance home (a trip home, not a tour on the way);
 * the other stays are deviations.
 */
export function legs(positions: readonly Position[], vehicleId: string, run: DemoRun): Legs {
  const setup = run.svc.network!;
  const { config } = loadConfigFile(DEMO_CONFIG);
  const v = config.vehicles.find((x) => x.id === vehicleId)!;
  const { net, plan } = setup.plans.get(v.plan!)!;
  const depot = plan.depot!;
  const fixes = positions
    .filter((p) => p.vehicleId === vehicleId)
    .map((p) => {
      const d = distanceToAssigned(net, plan.assigned, net.proj.x(p.lon), net.proj.y(p.lat), 2000);
      const home = distanceM(depot, p) <= depot.radiusM;
      return { ts: p.ts, on: d <= plan.corridorM, off: d > plan.corridorM + 20, home, p };
    });
  const driven = (i: number, j: number): number => {
    let m = 0;
    for (let k = i + 1; k <= j; k++) m += distanceM(fixes[k - 1]!.p, fixes[k]!.p);
    return m;
  };
  const homeM = (k: number): number => distanceM(depot, fixes[k]!.p);
  const stays: { start: number; end: number; home: boolean; i: number; j: number }[] = [];
  let cur: { start: number; end: number; home: boolean; i: number; j: number } | null = null;
  let onRun = 0;
  fixes.forEach((f, k) => {
    onRun = f.on ? onRun + 1 : 0;
    if (f.off || f.home) {
      if (!cur) {
        cur = { start: f.ts, end: f.ts, home: f.home, i: k, j: k };
        stays.push(cur);
      }
      cur.end = f.ts;
      cur.j = k;
      cur.home ||= f.home;
    } else if (onRun >= 2) cur = null;
  });
  const firstOn = fixes.findIndex((f) => f.on);
  const deadhead = stays.filter((s) => s.j < firstOn || (s.home && driven(s.i, s.j) <= 2 * homeM(s.i)));
  return { deviations: stays.filter((s) => !deadhead.includes(s)), deadhead };
}
