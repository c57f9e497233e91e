/** Daily time windows in a time zone → concrete instances (epoch ms), for "is this fix inside a window?". */
import { hhmmMinutes, tzOffsetMs, zonedToEpoch, type TimeWindow } from '../../kernel/time.ts';

export interface WindowInstance {
  /** "YYYY-MM-DD#i": local start date and index of the window in the plan. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const DAY = 86_400_000;

/** Local calendar day number (days since 1970-01-01 in `tz`) of instant `t`. */
export function localDay(t: number, tz: string): number {
  return Math.floor((t + tzOffsetMs(t, tz)) / DAY);
}

export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The instances of `windows` that start on local day `day`. */
export function instancesOn(windows: readonly TimeWindow[], tz: string, day: number): WindowInstance[] {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const out: WindowInstance[] = [];
  windows.forEach((w, i) => {
    if (w.weekdays && !w.weekdays.includes(weekday)) return;
    const s = hhmmMinutes(w.start);
    let e = hhmmMinutes(w.end);
    if (e <= s) e += 1440;
    out.push({
      key: `${dayString(day)}#${i}`,
      start: zonedToEpoch(day * DAY + s * 60_000, tz),
      end: zonedToEpoch(day * DAY + e * 60_000, tz),
    });
  });
  return out;
}

/** The window instance containing `t` (start inclusive, end exclusive), or null. */
export function windowAt(windows: readonly TimeWindow[], tz: string, t: number): WindowInstance | null {
  if (windows.length === 0) return null;
  const day = localDay(t, tz);
  for (const d of [day - 1, day]) {
    for (const w of instancesOn(windows, tz, d)) if (t >= w.start && t < w.end) return w;
  }
  return null;
}

/** Instances overlapping [from, to), in start order. */
export function windowsBetween(windows: readonly TimeWindow[], tz: string, from: number, to: number): WindowInstance[] {
  const out: WindowInstance[] = [];
  for (let d = localDay(from, tz) - 1; d <= localDay(to, tz); d++) {
    for (const w of instancesOn(windows, tz, d)) if (w.end > from && w.start < to) out.push(w);
  }
  return out.sort((a, b) => a.start - b.start);
}
