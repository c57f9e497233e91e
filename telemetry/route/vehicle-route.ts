/**
 * Route compliance of one vehicle: fixes → HMM map matching → observations → the rule set → violation events, plus
 * street coverage per window and daily statistics. The stateful shell around the pure rules; fixes in time order.
 */
import type { VehicleConfig } from '../../kernel/config/schema.ts';
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { Violation } from '../../kernel/types/vehicle.ts';
import { DayStats, type DayReport } from './day-stats.ts';
import { haversineM } from './geo.ts';
import { CoverageLedger } from './ledger.ts';
import { defaultMatchParams, Matcher, type Matched, type MatchParams } from './matcher.ts';
import type { RoadNetwork } from './network.ts';
import type { PathFinder } from './paths.ts';
import { bandFor, type ResolvedPlan, type SpeedBand } from './plan.ts';
import { applyRules, initialStates, ruleParams, type RuleParams, type RuleStates } from './rule-set.ts';
import { MOVING_KMH } from './rules/speed.ts';
import type { RouteEvent, ViolationChange } from './rules/types.ts';
import { observe, type PendingFix } from './observe.ts';
import { SpeedEstimator } from './speed-estimator.ts';
import { WindowTracker } from './window-tracker.ts';
import { zonedToEpoch, type TimeWindow } from '../../kernel/time.ts';
import { dayString, localDay, windowsBetween, type WindowInstance } from './windows.ts';

export interface PositionInput {
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
  readonly work?: { readonly active: boolean };
}

export interface RouteVehicle {
  readonly id: string;
  readonly type: VehicleConfig['type'];
  readonly contractor?: string;
}

export interface VehicleRouteOptions {
  readonly net: RoadNetwork;
  readonly finder: PathFinder;
  readonly plan: ResolvedPlan;
  readonly match?: MatchParams;
  /** Offline check of one trace: a plan without windows is judged over the whole trace, not per day. */
  readonly wholeTrace?: boolean;
}

const ALL_DAY = [{ start: '00:00', end: '24:00' }];

export class VehicleRoute {
  private readonly matcher: Matcher<PendingFix>;
  private readonly params: RuleParams;
  private readonly band: SpeedBand;
  private readonly arrival: WindowTracker;
  private readonly decidedWindows: WindowTracker;
  /** Window ends crossed by the fixes' own time (for windows that ended before the clock started, see backfilled). */
  private readonly dataWindows: WindowTracker;
  /** When the clock (first advance) started: windows ending up to then were never judged by it. */
  private clockStart: number | null = null;
  private readonly ledger: CoverageLedger;
  private readonly speed = new SpeedEstimator();
  private readonly days = new Map<string, DayStats>();
  private states: RuleStates = initialStates;
  private prev: PendingFix | null = null;
  private lastReceived: number | null = null;
  private firstTs: number | null = null;
  private dayCache: { readonly from: number; readonly to: number; readonly stats: DayStats } | null = null;
  private lastWindow: { readonly key: string; readonly shares: Map<number, number> } | null = null;
  /** While replaying: fixes and violation starts before this time were counted in a saved day report (see resume). */
  private statsFrom = -Infinity;
  private readonly workWindows: readonly TimeWindow[];
  /** Windows starting before this are not judged (a checker started afresh mid-window saw only part of them). */
  private judgeFrom = -Infinity;
  /** Version of each day's statistics when last handed out by unsaved(). */
  private readonly saved = new Map<string, number>();

  constructor(
    readonly vehicle: RouteVehicle,
    private readonly o: VehicleRouteOptions,
  ) {
    const plan = o.plan;
    this.matcher = new Matcher(o.net, o.finder, o.match ?? defaultMatchParams);
    this.params = ruleParams(plan, vehicle.type);
    this.band = bandFor(plan, vehicle.type);
    const windows = plan.windows.length > 0 || o.wholeTrace ? plan.windows : ALL_DAY;
    this.workWindows = windows;
    this.arrival = new WindowTracker(windows, plan.forbidden, plan.timezone);
    this.decidedWindows = new WindowTracker(windows, plan.forbidden, plan.timezone);
    this.dataWindows = new WindowTracker(windows, plan.forbidden, plan.timezone);
    this.ledger = new CoverageLedger(o.net, plan);
  }

  get planId(): string {
    return this.o.plan.id;
  }

  get scheduled(): boolean {
    return this.o.plan.windows.length > 0;
  }

  get lastFixTs(): number | null {
    return this.lastReceived;
  }

  /** A new fix (older than the newest seen → ignored, returns []). */
  fix(p: PositionInput): ViolationEvent[] {
    if (this.lastReceived !== null && p.ts < this.lastReceived) return [];
    const out = this.advance(p.ts);
    out.push(...this.backfilled(p.ts));
    this.lastReceived = p.ts;
    this.firstTs ??= p.ts;
    const pending: PendingFix = { ...p, x: this.o.net.proj.x(p.lon), y: this.o.net.proj.y(p.lat) };
    for (const m of this.matcher.push(pending)) out.push(...this.decided(m));
    return out;
  }

  /** Time passes (Clock tick): window ends, late starts, lost signal. */
  tick(now: number): ViolationEvent[] {
    const out = this.advance(now);
    if (this.lastReceived !== null && (now - this.lastReceived) / 1000 > this.o.plan.maxGapS) {
      for (const m of this.matcher.flush()) out.push(...this.decided(m));
    }
    const w = this.arrival.at(now);
    const e: RouteEvent = {
      type: 'tick',
      window: this.scheduled ? w.work : null,
      windowsDefined: this.scheduled,
      lastFixTs: this.lastReceived,
    };
    out.push(...this.apply(e, now));
    return out;
  }

  /** End of a recorded trace: decide held fixes, close windows up to `now` (and the whole-trace span). */
  finish(now: number = this.lastReceived ?? 0): ViolationEvent[] {
    const out = this.matcher.flush().flatMap((m) => this.decided(m));
    out.push(...this.advance(now));
    if (this.o.wholeTrace && !this.scheduled && this.firstTs !== null) {
      out.push(...this.windowEnd({ key: 'trace', start: this.firstTs, end: this.lastReceived ?? this.firstTs }, false));
    }
    return out;
  }

  /**
   * Where a restarted service replays this vehicle's stored fixes from (`replayFrom`: the local day's start, or the
   * start of a work window that began the day before and ran past midnight) and from when those fixes count in the day
   * statistics (`statsFrom`: the local day's start); `seedDays` are the days before it the replay touches, whose saved
   * reports `resume` continues.
   */
  restorePlan(now: number): {
    readonly replayFrom: number;
    readonly statsFrom: number;
    readonly seedDays: readonly string[];
    readonly today: string;
  } {
    const tz = this.o.plan.timezone;
    const today = localDay(now, tz);
    const statsFrom = zonedToEpoch(today * 86_400_000, tz);
    const replayFrom = Math.min(
      statsFrom,
      ...windowsBetween(this.workWindows, tz, statsFrom, now + 1).map((w) => w.start),
    );
    const seedDays: string[] = [];
    for (let d = localDay(replayFrom, tz); d < today; d++) seedDays.push(dayString(d));
    return { replayFrom, statsFrom, seedDays, today: dayString(today) };
  }

  /**
   * Before a replay: continue the saved reports (days before `statsFrom`, or after a failed replay today's too) rather
   * than counting their fixes twice; the clock starts at `replayFrom` (windows ending after it are judged again, also
   * for a vehicle whose first stored fix comes after them).
   */
  resume(replayFrom: number, statsFrom: number, saved: readonly DayReport[]): ViolationEvent[] {
    this.statsFrom = statsFrom;
    for (const r of saved) if (r.vehicleId === this.vehicle.id) this.days.set(r.day, DayStats.from(r));
    this.dayCache = null;
    return this.tick(replayFrom);
  }

  /** Leave windows that began before `t` unjudged: no coverage result in the report, no window-end violation. */
  judgeWindowsFrom(t: number): void {
    this.judgeFrom = t;
  }

  /** After the replay: from now on every fix and violation start counts (live findings). */
  endReplay(): void {
    this.statsFrom = -Infinity;
  }

  /** Day reports changed since the last call (what the report store has to write). */
  unsaved(): DayReport[] {
    const out: DayReport[] = [];
    for (const [day, stats] of this.days) {
      if (this.saved.get(day) === stats.version) continue;
      this.saved.set(day, stats.version);
      out.push(stats.report());
    }
    return out;
  }

  /** Daily reports so far, oldest first. */
  reports(): DayReport[] {
    return [...this.days.values()].map((d) => d.report());
  }

  /** Covered share of each assigned segment in the current window, or in the last ended one (for the map). */
  coverageShares(which: 'current' | 'last'): { key: string; shares: Map<number, number> } | null {
    if (which === 'last') return this.lastWindow;
    const key =
      this.lastReceived === null
        ? null
        : (this.decidedWindows.at(this.prev?.ts ?? this.lastReceived).work?.key ?? null);
    return key === null ? null : { key, shares: this.ledger.segmentShares(key) };
  }

  private advance(now: number): ViolationEvent[] {
    this.clockStart ??= now;
    this.arrival.at(now);
    const ended = this.arrival.endedUntil(now);
    if (ended.length === 0) return [];
    const out = this.matcher.flush().flatMap((m) => this.decided(m));
    for (const w of ended) out.push(...this.windowEnd(w, this.scheduled));
    return out;
  }

  /**
   * Fixes older than the clock's start (a day's trace or buffered fixes delivered after the service started): the
   * clock never judges windows that ended before it started, so a window those fixes fill is judged when the fixes
   * themselves pass its end. Windows ending after the clock started stay the clock's (judged once, at their end).
   */
  private backfilled(ts: number): ViolationEvent[] {
    const start = this.clockStart;
    this.dataWindows.at(ts);
    const ended = this.dataWindows.endedUntil(ts).filter((w) => start !== null && w.end <= start);
    if (ended.length === 0) return [];
    const out = this.matcher.flush().flatMap((m) => this.decided(m));
    for (const w of ended) out.push(...this.windowEnd(w, this.scheduled));
    return out;
  }

  private windowEnd(w: WindowInstance, scheduled: boolean): ViolationEvent[] {
    if (w.start < this.judgeFrom) {
      this.ledger.drop(w.key);
      return [];
    }
    const r = this.ledger.result(w.key);
    this.lastWindow = { key: w.key, shares: this.ledger.segmentShares(w.key) };
    this.ledger.drop(w.key);
    this.day(w.start).window({
      ...r,
      key: w.key,
      start: w.start,
      end: w.end,
      missed: r.missed.length,
      missedSegments: r.missed,
    });
    const where = this.prev ? { lat: this.prev.lat, lon: this.prev.lon } : null;
    const e: RouteEvent = { type: 'window-end', window: w, scheduled, ...r, where };
    return this.apply(e, w.end);
  }

  private decided(m: Matched<PendingFix>): ViolationEvent[] {
    const f = m.fix;
    const prev = this.prev;
    const dtS = prev ? (f.ts - prev.ts) / 1000 : 0;
    if (dtS > this.o.plan.maxGapS) this.speed.reset();
    const movedM = m.pieces.length > 0 ? m.routeM : prev ? haversineM(prev.lat, prev.lon, f.lat, f.lon) : 0;
    const est = this.speed.add(f.ts, f.x, f.y);
    const w = this.decidedWindows.at(f.ts);
    const obs = observe(m, {
      net: this.o.net,
      plan: this.o.plan,
      speedKmh: f.speedKmh ?? est,
      windows: w,
      scheduled: this.scheduled,
      movedM,
    });
    const inBand = obs.speedKmh >= this.band.minKmh && obs.speedKmh <= this.band.maxKmh && obs.speedKmh >= MOVING_KMH;
    const key = w.work?.key ?? (this.o.wholeTrace && !this.scheduled ? 'trace' : null);
    if (obs.working && inBand && key !== null) this.ledger.add(key, m.pieces);
    if (f.ts >= this.statsFrom)
      this.day(f.ts).step({ movedM, dtS: Math.min(dtS, this.o.plan.maxGapS), working: obs.working, inBand });
    this.prev = f;
    return this.apply({ type: 'fix', fix: obs }, f.ts);
  }

  private apply(e: RouteEvent, now: number): ViolationEvent[] {
    const r = applyRules(this.states, e, this.params, now);
    this.states = r.states;
    return r.violations.map((c) => this.toEvent(c));
  }

  private toEvent(c: ViolationChange): ViolationEvent {
    const v = this.vehicle;
    if (c.phase === 'start' && c.start >= this.statsFrom) this.day(c.start).violation(c.kind);
    const violation: Violation = {
      id: `${v.id}:${c.kind}:${c.start}`,
      kind: c.kind,
      category: this.o.plan.categories[c.kind],
      vehicleId: v.id,
      planId: this.o.plan.id,
      ...(v.contractor ? { contractor: v.contractor } : {}),
      start: c.start,
      ...(c.end !== undefined ? { end: c.end } : {}),
      where: c.where,
      description: c.description,
      track: c.track,
      missedSegments: c.missed,
    };
    return { phase: c.phase, violation };
  }

  private day(t: number): DayStats {
    const c = this.dayCache;
    if (c && t >= c.from && t < c.to) return c.stats;
    const tz = this.o.plan.timezone;
    const day = localDay(t, tz);
    const key = dayString(day);
    let d = this.days.get(key);
    if (!d) this.days.set(key, (d = new DayStats(this.vehicle.id, this.o.plan.id, key, this.vehicle.contractor)));
    // the local day spans [midnight, next midnight) in the plan's zone
    this.dayCache = {
      from: zonedToEpoch(day * 86_400_000, tz),
      to: zonedToEpoch((day + 1) * 86_400_000, tz),
      stats: d,
    };
    return d;
  }
}
