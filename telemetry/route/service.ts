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
import type { PositionHistory, PositionStage } from '../stage.ts';
import type { DayReport } from './day-stats.ts';
import { loadRouteSetup, planOf, type RouteSetup } from './network-source.ts';
import type { RoadNetwork } from './network.ts';
import { PathFinder } from './paths.ts';
import type { CheckMark, DayRange, DayReportStore } from './report-store.ts';
import { Restorer } from './restorer.ts';
import { VehicleRoute } from './vehicle-route.ts';

export interface RouteServiceOptions {
  /** Timer period in ms (window ends, late starts, lost signal); 0 = no timer (tests call tick()). */
  readonly tickMs?: number;
  /** Where daily reports are saved and read back (the main database); none = in memory only. */
  readonly reports?: () => DayReportStore;
  /**
   * The telemetry service will call restore() once its store is open: the clock starts only then, so a restart in a
   * work window is not judged as a late start before the day's stored fixes are replayed.
   */
  readonly awaitRestore?: boolean;
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
  private store?: DayReportStore;
  private clockStarted = false;
  /** A fresh checker per vehicle (after a failed replay). */
  private readonly factories = new Map<string, () => VehicleRoute>();
  private restorer: Restorer;

  constructor(
    private readonly ctx: AppContext,
    private readonly o: RouteServiceOptions = {},
  ) {
    this.restorer = this.makeRestorer();
  }

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
      const make = (): VehicleRoute =>
        new VehicleRoute(
          { id: v.id, type: v.type, ...(v.contractor ? { contractor: v.contractor } : {}) },
          { net: ps.net, finder, plan: v.depot ? { ...ps.plan, depot: v.depot } : ps.plan },
        );
      this.factories.set(v.id, make);
      this.vehicles.set(v.id, make());
    }
    this.store = this.o.reports?.();
    this.restorer = this.makeRestorer();
    log.info(
      { roadSegments: s.roads?.segmentCount ?? null, plans: s.plans.size, vehicles: this.vehicles.size },
      'route compliance ready',
    );
    if (!this.o.awaitRestore) this.startClock();
  }

  async stop(): Promise<void> {
    await this.halt();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.save();
  }

  /**
   * After a restart (called by the telemetry service before ingest opens): rebuild each vehicle's state from its
   * stored fixes (restorer.ts) — in the background, vehicle after vehicle, so ingest and the dashboard start at once.
   * Until its replay is done a vehicle's live fixes are held (then applied in order), the clock skips it, and its
   * reports come from the database. What the replay finds up to the vehicle's check mark is not published (it was,
   * before the restart), what it finds past it is; what became due while gridwatch was down is published by the clock.
   */
  async restore(history: PositionHistory): Promise<void> {
    this.restorer.holdAll();
    this.startClock();
    this.restorer.begin(history);
  }

  /**
   * Stop replaying (the telemetry service calls this before closing its store); vehicles not replayed are not saved.
   */
  async halt(): Promise<void> {
    await this.restorer.halt();
  }

  /** Resolves when every vehicle's replay has finished (or stopped). */
  whenRestored(): Promise<void> {
    return this.restorer.done();
  }

  health(): ComponentHealth {
    const stats = {
      vehicles: this.vehicles.size,
      restoring: this.restorer.size,
      fixes: this.fixes,
      skipped: this.skipped,
      failures: this.failures,
      violationEvents: this.emitted,
      open: this.open.size,
    };
    if (!this.setup) return { state: 'ok', detail: 'no work plans configured', stats };
    return {
      state: this.failures > 0 ? 'degraded' : 'ok',
      detail: `${this.vehicles.size} vehicles on ${this.setup.plans.size} plans`,
      stats,
    };
  }

  /** The PositionStage slot: one accepted position, per vehicle in arrival order. */
  observe(p: Position): void {
    const route = this.vehicles.get(p.vehicleId);
    if (!route || p.late) {
      this.skipped++;
      return;
    }
    if (this.restorer.hold(p)) return;
    this.fixes++;
    this.run(p.vehicleId, () => route.fix(p));
  }

  /** Advance every vehicle to the clock's now (the timer calls this); then save the day reports that changed. */
  tick(now: number = this.ctx.clock.now()): void {
    const marks: CheckMark[] = [];
    for (const [id, route] of this.vehicles) {
      if (this.restorer.restoring(id)) continue;
      this.run(id, () => route.tick(now));
      marks.push({ vehicleId: id, tick: now, fix: route.lastFixTs });
    }
    this.save(marks);
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

  /** Daily reports in the range: the days held in memory, and saved ones (from before a restart) for the others. */
  reports(range: DayRange = {}): DayReport[] {
    const inRange = (d: DayReport): boolean =>
      (!range.from || d.day >= range.from) &&
      (!range.to || d.day <= range.to) &&
      (!range.vehicleId || d.vehicleId === range.vehicleId);
    const live = [...this.vehicles.values()]
      .filter((r) => !this.restorer.restoring(r.vehicle.id))
      .flatMap((r) => r.reports())
      .filter(inRange);
    const held = new Set(live.map((d) => `${d.vehicleId}\u0000${d.day}`));
    const saved = this.store?.load(range).filter((d) => !held.has(`${d.vehicleId}\u0000${d.day}`)) ?? [];
    return [...saved, ...live];
  }

  openViolations(): Violation[] {
    return [...this.open.values()];
  }

  recentViolations(): Violation[] {
    return [...this.recent];
  }

  private makeRestorer(): Restorer {
    return new Restorer(
      this.ctx,
      {
        vehicles: this.vehicles,
        fresh: (id) => this.factories.get(id)!(),
        absorb: (events) => this.absorb(events),
        publish: (e) => this.publish(e),
        observe: (p) => this.observe(p),
        failed: () => void this.failures++,
      },
      this.store,
    );
  }

  private startClock(): void {
    if (this.clockStarted || !this.setup) return;
    this.clockStarted = true;
    // start every vehicle's clock now, so windows that end from here on are judged even for silent vehicles
    this.tick();
    const tickMs = this.o.tickMs ?? 10_000;
    if (tickMs > 0) this.timer = setInterval(() => this.tick(), tickMs);
  }

  /** Save the day reports that changed (not half-replayed ones) and how far the given vehicles were checked. */
  private save(marks: readonly CheckMark[] = []): void {
    const store = this.store;
    if (!store) return;
    try {
      // not half-replayed days
      const ready = [...this.vehicles.values()].filter((r) => !this.restorer.restoring(r.vehicle.id));
      store.save(
        ready.flatMap((r) => r.unsaved()),
        this.ctx.clock.now(),
        marks,
      );
    } catch (err) {
      this.failures++;
      this.ctx.log.error(
        { err: errorMessage(err) },
        'daily route reports could not be saved; kept in memory, retried at the next tick',
      );
    }
  }

  private run(vehicleId: string, f: () => ViolationEvent[]): void {
    let events: ViolationEvent[];
    try {
      events = f();
    } catch (err) {
      this.failures++;
      if (this.failures <= 5 || this.failures % 1000 === 0)
        this.ctx.log.error({ err: errorMessage(err), vehicleId }, 'route check failed; skipped');
      return;
    }
    for (const e of events) this.publish(e);
  }

  private publish(e: ViolationEvent): void {
    if (this.restorer.mutes(e)) return;
    this.absorb([e]);
    this.emitted++;
    this.ctx.bus.emit('violation', e);
  }

  /** Keep the open and recent lists (what publish does, without publishing: a replay's findings). */
  private absorb(events: readonly ViolationEvent[]): void {
    for (const { phase, violation: v } of events) {
      if (phase === 'end') {
        this.open.delete(v.id);
        this.recent.push(v);
        if (this.recent.length > 1000) this.recent.shift();
      } else this.open.set(v.id, v);
    }
  }
}
