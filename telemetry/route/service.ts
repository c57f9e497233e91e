/**
 * Route compliance as a running component and a telemetry pipeline stage: every accepted position goes to its
 * vehicle's checker; a Clock-driven timer closes windows and notices lost signals; every violation change is
 * published on the bus topic `violation` (phases start / update / end).
 */
import type { Component } from '../../kernel/component.ts';
import type { AppContext } from '../../kernel/context.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { ComponentHealth, Position, Violation } from '../../kernel/types/index.ts';
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { PositionStage } from '../stage.ts';
import type { DayReport } from './day-stats.ts';
import { loadRouteSetup, planOf, type RouteSetup } from './network-source.ts';
import type { RoadNetwork } from './network.ts';
import { PathFinder } from './paths.ts';
import { VehicleRoute } from './vehicle-route.ts';

export interface RouteServiceOptions {
  /** Timer period in ms (window ends, late starts, lost signal); 0 = no timer (tests call tick()). */
  readonly tickMs?: number;
}

export class RouteService implements Component, PositionStage {
  readonly name = 'route';
  private setup: RouteSetup | null = null;
  private readonly vehicles = new Map<string, VehicleRoute>();
  private readonly open = new Map<string, Violation>();
  private readonly recent: Violation[] = [];
  private timer?: ReturnType<typeof setInterval>;
  private fixes = 0;
  private skipped = 0;
  private failures = 0;
  private emitted = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly o: RouteServiceOptions = {},
  ) {}

  async start(): Promise<void> {
    const { config, baseDir, log } = this.ctx;
    this.setup = loadRouteSetup(config, baseDir);
    const s = this.setup;
    if (!s) return;
    const finders = new Map<RoadNetwork, PathFinder>();
    for (const v of config.vehicles) {
      const planId = planOf(config, v);
      const ps = planId ? s.plans.get(planId) : undefined;
      if (!ps) continue;
      const finder = finders.get(ps.net) ?? new PathFinder(ps.net);
      finders.set(ps.net, finder);
      this.vehicles.set(v.id, new VehicleRoute({ id: v.id, type: v.type, ...(v.contractor ? { contractor: v.contractor } : {}) }, { net: ps.net, finder, plan: ps.plan }));
    }
    log.info({ roadSegments: s.roads?.segmentCount ?? null, plans: s.plans.size, vehicles: this.vehicles.size }, 'route compliance ready');
    this.tick(); // start every vehicle's clock now, so windows that end from here on are judged even for silent vehicles
    const tickMs = this.o.tickMs ?? 10_000;
    if (tickMs > 0) this.timer = setInterval(() => this.tick(), tickMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  health(): ComponentHealth {
    const stats = { vehicles: this.vehicles.size, fixes: this.fixes, skipped: this.skipped, failures: this.failures, violationEvents: this.emitted, open: this.open.size };
    if (!this.setup) return { state: 'ok', detail: 'no work plans configured', stats };
    return { state: this.failures > 0 ? 'degraded' : 'ok', detail: `${this.vehicles.size} vehicles on ${this.setup.plans.size} plans`, stats };
  }

  /** The PositionStage slot: one accepted position, per vehicle in arrival order. */
  observe(p: Position): void {
    const route = this.vehicles.get(p.vehicleId);
    if (!route || p.late) {
      this.skipped++;
      return;
    }
    this.fixes++;
    this.run(p.vehicleId, () => route.fix(p));
  }

  /** Advance every vehicle to the clock's now (the timer calls this). */
  tick(now: number = this.ctx.clock.now()): void {
    for (const [id, route] of this.vehicles) this.run(id, () => route.tick(now));
  }

  get network(): RouteSetup | null {
    return this.setup;
  }

  route(vehicleId: string): VehicleRoute | undefined {
    return this.vehicles.get(vehicleId);
  }

  routes(): IterableIterator<VehicleRoute> {
    return this.vehicles.values();
  }

  reports(): DayReport[] {
    return [...this.vehicles.values()].flatMap((r) => r.reports());
  }

  openViolations(): Violation[] {
    return [...this.open.values()];
  }

  recentViolations(): Violation[] {
    return [...this.recent];
  }

  private run(vehicleId: string, f: () => ViolationEvent[]): void {
    let events: ViolationEvent[];
    try {
      events = f();
    } catch (err) {
      this.failures++;
      if (this.failures <= 5 || this.failures % 1000 === 0) this.ctx.log.error({ err: errorMessage(err), vehicleId }, 'route check failed; skipped');
      return;
    }
    for (const e of events) this.publish(e);
  }

  private publish(e: ViolationEvent): void {
    const v = e.violation;
    if (e.phase === 'end') {
      this.open.delete(v.id);
      this.recent.push(v);
      if (this.recent.length > 1000) this.recent.shift();
    } else this.open.set(v.id, v);
    this.emitted++;
    this.ctx.bus.emit('violation', e);
  }
}
