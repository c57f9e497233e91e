/**
 * One vehicle's day statistics (day-stats.ts) by local day in the plan's zone, with the restart bookkeeping: reports
 * continued from their saved rows, fixes before `statsFrom` not counted twice while replaying, and which days changed
 * since the report store last saved them.
 */
import type { ViolationKind } from '../../kernel/types/vehicle.ts';
import { zonedToEpoch } from '../../kernel/time.ts';
import { DayStats, type DayReport, type StepStats, type WindowReport } from './day-stats.ts';
import { dayString, localDay } from './windows.ts';

export class DayBook {
  private readonly days = new Map<string, DayStats>();
  private cache: { readonly from: number; readonly to: number; readonly stats: DayStats } | null = null;
  /** While replaying: fixes and violation starts before this time were counted in a saved day report. */
  private statsFrom = -Infinity;
  /** Version of each day's statistics when last handed out by unsaved(). */
  private readonly saved = new Map<string, number>();

  constructor(
    private readonly vehicleId: string,
    private readonly planId: string,
    private readonly tz: string,
    private readonly contractor?: string,
  ) {}

  /** A fix decided at `ts` (not counted when a saved report already holds it). */
  step(ts: number, s: StepStats): void {
    if (ts >= this.statsFrom) this.day(ts).step(s);
  }

  violation(start: number, kind: ViolationKind): void {
    if (start >= this.statsFrom) this.day(start).violation(kind);
  }

  window(w: WindowReport): void {
    this.day(w.start).window(w);
  }

  /** Before a replay: continue the saved reports, counting from `statsFrom` only. */
  continueFrom(statsFrom: number, saved: readonly DayReport[]): void {
    this.statsFrom = statsFrom;
    for (const r of saved) if (r.vehicleId === this.vehicleId) this.days.set(r.day, DayStats.from(r));
    this.cache = null;
  }

  /** After the replay: from now on everything counts. */
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

  private day(t: number): DayStats {
    const c = this.cache;
    if (c && t >= c.from && t < c.to) return c.stats;
    const day = localDay(t, this.tz);
    const key = dayString(day);
    const d = this.days.get(key) ?? new DayStats(this.vehicleId, this.planId, key, this.contractor);
    this.days.set(key, d);
    // the local day spans [midnight, next midnight) in the plan's zone
    this.cache = {
      from: zonedToEpoch(day * 86_400_000, this.tz),
      to: zonedToEpoch((day + 1) * 86_400_000, this.tz),
      stats: d,
    };
    return d;
  }
}
