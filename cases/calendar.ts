/**
 * Working-hour arithmetic on a work calendar (hours of a working day, weekly days off, public holidays and
 * 调休 working days), in the calendar's time zone. Pure: the same inputs always give the same instant.
 */
import { addDays, hhmmMinutes, isoDate, localParts, localToInstant, weekday, type LocalDate } from '../kernel/time.ts';

export interface WorkCalendar {
  readonly timezone: string;
  readonly hours: readonly { readonly start: string; readonly end: string }[];
  readonly weekend: readonly number[];
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

const HOUR = 3_600_000;
/** Give up looking for working time after this many days (a calendar with no working days at all). */
const MAX_DAYS = 3700;

export function isWorkday(cal: WorkCalendar, date: LocalDate): boolean {
  const iso = isoDate(date);
  if (cal.workdays.includes(iso)) return true;
  if (cal.holidays.includes(iso)) return false;
  return !cal.weekend.includes(weekday(date));
}

/** Working intervals [start, end) of one local date, as instants. */
export function workIntervals(cal: WorkCalendar, date: LocalDate): [number, number][] {
  if (!isWorkday(cal, date)) return [];
  return cal.hours.map((h) => [
    localToInstant(date, hhmmMinutes(h.start), cal.timezone),
    localToInstant(date, hhmmMinutes(h.end), cal.timezone),
  ]);
}

/** The instant `hours` working hours after `from` (from itself when hours is 0). */
export function addWorkingHours(cal: WorkCalendar, from: number, hours: number): number {
  let remaining = hours * HOUR;
  if (remaining <= 0) return from;
  let date: LocalDate = localParts(from, cal.timezone);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    for (const [start, end] of workIntervals(cal, date)) {
      if (end <= from) continue;
      const s = Math.max(start, from);
      if (remaining <= end - s) return s + remaining;
      remaining -= end - s;
    }
  }
  throw new Error(`work calendar has no working time within ${MAX_DAYS} days of ${new Date(from).toISOString()}`);
}

/** Working hours between two instants (0 when b ≤ a). */
export function workingHoursBetween(cal: WorkCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  let date: LocalDate = localParts(a, cal.timezone);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    const intervals = workIntervals(cal, date);
    for (const [start, end] of intervals) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
    if (localToInstant(date, 0, cal.timezone) > b) break;
  }
  return total / HOUR;
}
