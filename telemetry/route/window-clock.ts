/**
 * One vehicle's windows against two clocks: the arrival clock (ticks and fix arrival: which windows ended and must be
 * judged now) and the fixes' own time (the windows of decided fixes, and windows that ended before the clock started,
 * filled by fixes delivered afterwards: a day's trace, or buffered fixes). A window starting before `judgeFrom` is
 * ended unjudged (a checker started afresh mid-window saw only part of it).
 */
import type { TimeWindow } from '../../kernel/time.ts';
import { type WindowState, WindowTracker } from './window-tracker.ts';
import type { WindowInstance } from './windows.ts';

export class WindowClock {
  private readonly arrival: WindowTracker;
  private readonly decided: WindowTracker;
  /** Window ends crossed by the fixes' own time (for windows that ended before the clock started). */
  private readonly data: WindowTracker;
  /** When the clock (first advance) started: windows ending up to then were never judged by it. */
  private clockStart: number | null = null;
  private judgeFrom = -Infinity;

  constructor(windows: readonly TimeWindow[], forbidden: readonly TimeWindow[], tz: string) {
    this.arrival = new WindowTracker(windows, forbidden, tz);
    this.decided = new WindowTracker(windows, forbidden, tz);
    this.data = new WindowTracker(windows, forbidden, tz);
  }

  /** Windows current at the clock's `now`. */
  now(now: number): WindowState {
    return this.arrival.at(now);
  }

  /** Windows of a decided fix. */
  of(ts: number): WindowState {
    return this.decided.at(ts);
  }

  /** Start the clock at `now` unless it runs already (windows ending up to then are left to the fixes). */
  start(now: number): void {
    if (this.clockStart === null) this.advance(now);
  }

  /** The clock moves to `now`: work windows that ended since. */
  advance(now: number): WindowInstance[] {
    this.clockStart ??= now;
    this.arrival.at(now);
    return this.arrival.endedUntil(now);
  }

  /**
   * A fix at `ts` arrives: windows it passes the end of that ended before the clock started (the clock never judged
   * them). Windows ending after the clock started stay the clock's (judged once, at their end).
   */
  backfilled(ts: number): WindowInstance[] {
    const start = this.clockStart;
    this.data.at(ts);
    return this.data.endedUntil(ts).filter((w) => start !== null && w.end <= start);
  }

  /** Leave windows that began before `t` unjudged. */
  judgeWindowsFrom(t: number): void {
    this.judgeFrom = t;
  }

  judged(w: WindowInstance): boolean {
    return w.start >= this.judgeFrom;
  }
}
