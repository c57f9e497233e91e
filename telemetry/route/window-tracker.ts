/**
 * Follows one plan's windows through time for one vehicle: which work / forbidden window is current, and which work
 * windows have ended since the last call. Recomputes only when time crosses the next window boundary.
 */
import type { TimeWindow } from '../../kernel/time.ts';
import { windowAt, windowsBetween, type WindowInstance } from './windows.ts';

export interface WindowState {
  readonly work: WindowInstance | null;
  readonly forbidden: WindowInstance | null;
}

export class WindowTracker {
  private cursor: number | null = null;
  private validFrom = Infinity;
  private validUntil = -Infinity;
  private state: WindowState = { work: null, forbidden: null };

  constructor(
    private readonly windows: readonly TimeWindow[],
    private readonly forbidden: readonly TimeWindow[],
    private readonly tz: string,
  ) {}

  get scheduled(): boolean {
    return this.windows.length > 0;
  }

  /** Windows current at `t` (t must not go backwards by more than the cache span). */
  at(t: number): WindowState {
    if (t >= this.validFrom && t < this.validUntil) return this.state;
    const work = windowAt(this.windows, this.tz, t);
    const forbidden = windowAt(this.forbidden, this.tz, t);
    this.state = { work, forbidden };
    const bounds = [
      ...windowsBetween(this.windows, this.tz, t, t + 86_400_000),
      ...windowsBetween(this.forbidden, this.tz, t, t + 86_400_000),
    ].flatMap((w) => [w.start, w.end]);
    this.validFrom = t;
    this.validUntil = Math.min(t + 3_600_000, ...bounds.filter((b) => b > t));
    return this.state;
  }

  /**
   * Work windows that ended in (previous call, t], oldest first; call `at(t)` first. The first call only starts the
   * clock.
   */
  endedUntil(t: number): WindowInstance[] {
    const from = this.cursor;
    if (from === null || t > from) this.cursor = t;
    if (from === null || t <= from || this.windows.length === 0) return [];
    if (from >= this.validFrom && t < this.validUntil) return []; // no window boundary crossed since `from`
    return windowsBetween(this.windows, this.tz, from - 86_400_000, t).filter((w) => w.end > from && w.end <= t);
  }
}
