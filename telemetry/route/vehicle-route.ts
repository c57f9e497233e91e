/**
 * Route compliance of one vehicle: fixes → HMM map matching → observations → the rule set → violation events, plus
 * street coverage per window and daily statistics. The stateful shell around the pure rules; fixes in time order.
 */
import type { VehicleConfig } from '../../kernel/config/schema.ts';
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { Violation } from '../../kernel/types/vehicle.ts';
import { DayBook } from './day-book.ts';
import type { DayReport } from './day-stats.ts';
import { distanceM } from '../../kernel/geo.ts';
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
import { WindowClock } from './window-clock.ts';
import type { TimeWindow } from '../../kernel/time.ts';
import type { WindowInstance } from './windows.ts';

export interface PositionInput {
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
  readonly work?: { readonly active: boolean };
  /** When it arrived (wall time, epoch ms); a backlog uploaded late arrives long after its fix times. */
  readonly receivedAt?: number;
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

/** Where a finding goes before the vehicle was ever seen: the depot, else the middle of the first assigned segment. */
function homeOf(net: RoadNetwork, plan: ResolvedPlan): { lat: number; lon: number } | undefined {
  if (plan.depot) return { lat: plan.depot.lat, lon: plan.depot.lon };
  const seg = Math.min(...plan.assigned);
  if (!Number.isFinite(seg)) return undefined;
  const [x, y] = net.pointAt(seg, net.segLen[seg]! / 2);
  return { lat: net.proj.lat(y), lon: net.proj.lon(x) };
}

export class VehicleRoute {
  private readonly matcher: Matcher<PendingFix>;
  private readonly params: RuleParams;
  private readonly band: SpeedBand;
  private readonly clock: WindowClock;
  private readonly ledger: CoverageLedger;
  private readonly speed = new SpeedEstimator();
  /** Day statistics, continued across a restart (restore.ts). */
  readonly book: DayBook;
  /** The work windows the clock judges (a plan without windows: the local day, except for a whole trace). */
  readonly workWindows: readonly TimeWindow[];
  private states: RuleStates = initialStates;
  private prev: PendingFix | null = null;
  private lastReceived: number | null = null;
  /** When the newest fix arrived (wall time), for the clock: a backlog arriving now is not a lost signal. */
  private lastArrival: number | null = null;
  private firstTs: number | null = null;
  private lastWindow: { readonly key: string; readonly shares: Map<number, number> } | null = null;
  /** Fixes ignored because one with the same timestamp came first. */
  duplicates = 0;

  constructor(
    readonly vehicle: RouteVehicle,
    private readonly o: VehicleRouteOptions,
  ) {
    const plan = o.plan;
    this.matcher = new Matcher(o.net, o.finder, o.match ?? defaultMatchParams);
    this.params = ruleParams(plan, vehicle.type, homeOf(o.net, plan));
    this.band = bandFor(plan, vehicle.type);
    this.workWindows = plan.windows.length > 0 || o.wholeTrace ? plan.windows : ALL_DAY;
    this.clock = new WindowClock(this.workWindows, plan.forbidden, plan.timezone);
    this.ledger = new CoverageLedger(o.net, plan);
    this.book = new DayBook(vehicle.id, plan.id, plan.timezone, vehicle.contractor);
  }

  get planId(): string {
    return this.o.plan.id;
  }

  get timezone(): string {
    return this.o.plan.timezone;
  }

  get scheduled(): boolean {
    return this.o.plan.windows.length > 0;
  }

  get lastFixTs(): number | null {
    return this.lastReceived;
  }

  /**
   * A new fix. One not newer than the newest seen is ignored (returns []): an older one, or a duplicate (same ts: the
   * first fix with a timestamp counts, as in the live pipeline's order stage, telemetry/sequence.ts).
   */
  fix(p: PositionInput): ViolationEvent[] {
    if (this.lastReceived !== null && p.ts <= this.lastReceived) {
      if (p.ts === this.lastReceived) this.duplicates++;
      return [];
    }
    const out = this.windowsEnded(this.clock.advance(p.ts));
    out.push(...this.windowsEnded(this.clock.backfilled(p.ts)));
    this.lastReceived = p.ts;
    this.lastArrival = Math.max(this.lastArrival ?? -Infinity, p.receivedAt ?? p.ts);
    this.firstTs ??= p.ts;
    const pending: PendingFix = { ...p, x: this.o.net.proj.x(p.lon), y: this.o.net.proj.y(p.lat) };
    for (const m of this.matcher.push(pending)) out.push(...this.decided(m));
    return out;
  }

  /**
   * Start the clock at `now` if neither a tick nor a fix has started it: windows that ended before are then judged as
   * the fixes that reach them arrive (a backlog), not all at once by the next tick before those fixes are in.
   */
  startClock(now: number): void {
    this.clock.start(now);
  }

  /** Time passes (Clock tick): window ends, late starts, lost signal. */
  tick(now: number): ViolationEvent[] {
    const out = this.windowsEnded(this.clock.advance(now));
    if (this.lastArrival !== null && (now - this.lastArrival) / 1000 > this.o.plan.maxGapS) {
      for (const m of this.matcher.flush()) out.push(...this.decided(m));
    }
    const w = this.clock.now(now);
    const e: RouteEvent = {
      type: 'tick',
      window: this.scheduled ? w.work : null,
      windowsDefined: this.scheduled,
      lastFixTs: this.lastReceived,
      lastArrival: this.lastArrival,
    };
    out.push(...this.apply(e, now));
    return out;
  }

  /** End of a recorded trace: decide held fixes, close windows up to `now` (and the whole-trace span). */
  finish(now: number = this.lastReceived ?? 0): ViolationEvent[] {
    const out = this.matcher.flush().flatMap((m) => this.decided(m));
    out.push(...this.windowsEnded(this.clock.advance(now)));
    if (this.o.wholeTrace && !this.scheduled && this.firstTs !== null) {
      out.push(...this.windowEnd({ key: 'trace', start: this.firstTs, end: this.lastReceived ?? this.firstTs }, false));
    }
    return out;
  }

  /** Leave windows that began before `t` unjudged: no coverage result in the report, no window-end violation. */
  judgeWindowsFrom(t: number): void {
    this.clock.judgeWindowsFrom(t);
  }

  /** Day reports changed since the last call (what the report store has to write). */
  unsaved(): DayReport[] {
    return this.book.unsaved();
  }

  /** Daily reports so far, oldest first. */
  reports(): DayReport[] {
    return this.book.reports();
  }

  /** Covered share of each assigned segment in the current window, or in the last ended one (for the map). */
  coverageShares(which: 'current' | 'last'): { key: string; shares: Map<number, number> } | null {
    if (which === 'last') return this.lastWindow;
    const key =
      this.lastReceived === null ? null : (this.clock.of(this.prev?.ts ?? this.lastReceived).work?.key ?? null);
    return key === null ? null : { key, shares: this.ledger.segmentShares(key) };
  }

  /** Windows that ended: decide the fixes held in the matcher first, then judge each. */
  private windowsEnded(ended: readonly WindowInstance[]): ViolationEvent[] {
    if (ended.length === 0) return [];
    const out = this.matcher.flush().flatMap((m) => this.decided(m));
    for (const w of ended) out.push(...this.windowEnd(w, this.scheduled));
    return out;
  }

  private windowEnd(w: WindowInstance, scheduled: boolean): ViolationEvent[] {
    if (!this.clock.judged(w)) {
      this.ledger.drop(w.key);
      return [];
    }
    const r = this.ledger.result(w.key);
    this.lastWindow = { key: w.key, shares: this.ledger.segmentShares(w.key) };
    this.ledger.drop(w.key);
    this.book.window({
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
    const movedM = m.pieces.length > 0 ? m.routeM : prev ? distanceM(prev, f) : 0;
    const est = this.speed.add(f.ts, f.x, f.y);
    const w = this.clock.of(f.ts);
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
    this.book.step(f.ts, { movedM, dtS: Math.min(dtS, this.o.plan.maxGapS), working: obs.working, inBand });
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
    if (c.phase === 'start') this.book.violation(c.start, c.kind);
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
      text: c.text,
      track: c.track,
      missedSegments: c.missed,
    };
    return { phase: c.phase, violation };
  }
}
