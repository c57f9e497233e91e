/** Per vehicle and local day: distance, working distance and time, time in the speed band, windows, violations. */
import type { ViolationKind } from '../../kernel/types/vehicle.ts';
import type { CoverageResult } from './ledger.ts';

export interface WindowReport extends Omit<CoverageResult, 'missed'> {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly missed: number;
  readonly missedSegments: readonly string[];
}

export interface DayReport {
  readonly vehicleId: string;
  readonly contractor?: string;
  readonly planId: string;
  /** Local date in the plan's time zone, YYYY-MM-DD. */
  readonly day: string;
  readonly fixes: number;
  readonly distanceM: number;
  readonly workingM: number;
  readonly workingS: number;
  /** Working time with the speed within the band. */
  readonly inBandS: number;
  /** Σ covered ÷ Σ assigned over the day's windows (null before any window ended). */
  readonly coverage: number | null;
  readonly meanPasses: number | null;
  readonly windows: readonly WindowReport[];
  readonly violations: Readonly<Partial<Record<ViolationKind, number>>>;
}

export interface StepStats {
  readonly movedM: number;
  /** Seconds since the previous fix, capped (a gap is not working time). */
  readonly dtS: number;
  readonly working: boolean;
  readonly inBand: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class DayStats {
  private readonly r: Mutable<DayReport> & {
    windows: WindowReport[];
    violations: Partial<Record<ViolationKind, number>>;
  };
  /** Bumped on every change (the report store saves a day again only when it changed). */
  private changes = 0;

  /** A day continued from its saved report (a restart in the middle of a window that began that day). */
  static from(saved: DayReport): DayStats {
    const d = new DayStats(saved.vehicleId, saved.planId, saved.day, saved.contractor);
    Object.assign(d.r, { ...saved, windows: [...saved.windows], violations: { ...saved.violations } });
    return d;
  }

  constructor(vehicleId: string, planId: string, day: string, contractor?: string) {
    this.r = {
      vehicleId,
      ...(contractor ? { contractor } : {}),
      planId,
      day,
      fixes: 0,
      distanceM: 0,
      workingM: 0,
      workingS: 0,
      inBandS: 0,
      coverage: null,
      meanPasses: null,
      windows: [],
      violations: {},
    };
  }

  get version(): number {
    return this.changes;
  }

  step(s: StepStats): void {
    this.changes++;
    this.r.fixes++;
    this.r.distanceM += s.movedM;
    if (!s.working) return;
    this.r.workingM += s.movedM;
    this.r.workingS += s.dtS;
    if (s.inBand) this.r.inBandS += s.dtS;
  }

  /** A window's result; one judged again (same key, e.g. replayed after a restart) replaces the earlier one. */
  window(w: WindowReport): void {
    this.changes++;
    const i = this.r.windows.findIndex((x) => x.key === w.key);
    if (i >= 0) this.r.windows[i] = w;
    else this.r.windows.push(w);
    const assigned = this.r.windows.reduce((a, x) => a + x.assignedM, 0);
    this.r.coverage = assigned > 0 ? this.r.windows.reduce((a, x) => a + x.coveredM, 0) / assigned : null;
    this.r.meanPasses =
      assigned > 0 ? this.r.windows.reduce((a, x) => a + x.meanPasses * x.assignedM, 0) / assigned : null;
  }

  violation(kind: ViolationKind): void {
    this.changes++;
    this.r.violations[kind] = (this.r.violations[kind] ?? 0) + 1;
  }

  report(): DayReport {
    return { ...this.r, windows: [...this.r.windows], violations: { ...this.r.violations } };
  }
}
