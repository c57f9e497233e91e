/** Local wall-clock time in a time zone and daily windows (with weekdays, wrapping past midnight). */
export interface TimeWindow {
  /** "HH:MM" local time. */
  readonly start: string;
  /** "HH:MM"; an end before the start wraps past midnight. */
  readonly end: string;
  /** 0 = Sunday … 6 = Saturday; every day when omitted. */
  readonly weekdays?: readonly number[];
}

export interface LocalTime {
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Local calendar day "YYYY-MM-DD". */
  readonly day: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function localTime(ts: number, tz: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ts))) parts[p.type] = p.value;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return { minutes, weekday: weekdayIndex[parts.weekday ?? ''] ?? 0, day: `${parts.year}-${parts.month}-${parts.day}` };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Is local time `t` inside the window? A wrapping window's after-midnight part belongs to the previous day's weekday. */
export function inWindow(w: TimeWindow, t: LocalTime): boolean {
  const start = toMinutes(w.start);
  const end = toMinutes(w.end);
  const dayOk = (d: number): boolean => !w.weekdays || w.weekdays.includes(d);
  if (start === end) return false;
  if (start < end) return t.minutes >= start && t.minutes < end && dayOk(t.weekday);
  if (t.minutes >= start) return dayOk(t.weekday);
  return t.minutes < end && dayOk((t.weekday + 6) % 7);
}

export function inAnyWindow(windows: readonly TimeWindow[], ts: number, tz: string): boolean {
  if (windows.length === 0) return false;
  const t = localTime(ts, tz);
  return windows.some((w) => inWindow(w, t));
}
