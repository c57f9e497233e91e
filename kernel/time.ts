/**
 * Wall-clock time in an IANA time zone, with Intl only (no tz database of our own): epoch ms ↔ local date and time,
 * the zone's UTC offset, local dates, and daily "HH:MM" windows (with weekdays, wrapping past midnight).
 * Every module converts local time through these (cases' work calendar, scene rules' windows, route plans, traces).
 */
import { InputError } from './errors.ts';

export interface LocalDate {
  readonly y: number;
  /** 1–12 */
  readonly m: number;
  readonly d: number;
}

export interface LocalParts extends LocalDate {
  readonly hh: number;
  readonly mm: number;
  readonly ss: number;
}

export interface LocalTime {
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Local calendar day "YYYY-MM-DD". */
  readonly day: string;
}

/** A daily window of local time (the config's `timeWindow`). */
export interface TimeWindow {
  /** "HH:MM" local time. */
  readonly start: string;
  /** "HH:MM"; an end before the start wraps past midnight. */
  readonly end: string;
  /** 0 = Sunday … 6 = Saturday; every day when omitted. */
  readonly weekdays?: readonly number[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InputError(`unknown time zone "${tz}" (expected an IANA name such as "Asia/Shanghai")`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Throws InputError unless `tz` is an IANA time zone. */
export function checkTimeZone(tz: string): void {
  formatter(tz);
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Local calendar date and time of instant `t` (epoch ms) in `tz`. */
export function localParts(t: number, tz: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 1970, m: p.month ?? 1, d: p.day ?? 1, hh: p.hour ?? 0, mm: p.minute ?? 0, ss: p.second ?? 0 };
}

const offsets = new Map<string, Map<number, number>>();
/** UTC offsets change only on quarter hours, so offsets are cached per 15-minute bucket. */
const BUCKET = 900_000;

/** Offset of `tz` from UTC at instant `t` (epoch ms), in ms (+8 h for Asia/Shanghai, −5 h for New York in winter). */
export function tzOffsetMs(t: number, tz: string): number {
  let cache = offsets.get(tz);
  if (!cache) {
    cache = new Map();
    offsets.set(tz, cache);
  }
  const bucket = Math.floor(t / BUCKET);
  let off = cache.get(bucket);
  if (off === undefined) {
    const b = bucket * BUCKET;
    const p = localParts(b, tz);
    off = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - b;
    if (cache.size > 50_000) cache.clear();
    cache.set(bucket, off);
  }
  return off;
}

/** Epoch ms of a wall-clock time in `tz` (`wallUtc`: that wall time read as if it were UTC). */
export function zonedToEpoch(wallUtc: number, tz: string): number {
  const o1 = tzOffsetMs(wallUtc, tz);
  const t1 = wallUtc - o1;
  const o2 = tzOffsetMs(t1, tz);
  return o1 === o2 ? t1 : wallUtc - o2;
}

/** The instant of local wall-clock `date minutes` in `tz` (minutes since local midnight; 1440 = next midnight). */
export function localToInstant(date: LocalDate, minutes: number, tz: string): number {
  return zonedToEpoch(Date.UTC(date.y, date.m - 1, date.d, 0, minutes), tz);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "YYYY-MM-DD". */
export function isoDate(date: LocalDate): string {
  return `${date.y}-${two(date.m)}-${two(date.d)}`;
}

/** Local "YYYY-MM-DD HH:MM:SS" of instant `t` in `tz` (captions, logs for people). */
export function localDateTime(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${isoDate(p)} ${two(p.hh)}:${two(p.mm)}:${two(p.ss)}`;
}

/** ISO-8601 with the zone's offset, e.g. 2026-11-23T09:30:00+08:00 (Open311 wants the zone). */
export function isoLocal(t: number, tz: string): string {
  const off = tzOffsetMs(t, tz) / 60000;
  const a = Math.abs(off);
  return `${localDateTime(t, tz).replace(' ', 'T')}${off < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/** Minutes since local midnight, weekday and local day of instant `t` in `tz`. */
export function localTime(t: number, tz: string): LocalTime {
  const p = localParts(t, tz);
  return { minutes: p.hh * 60 + p.mm, weekday: weekday(p), day: isoDate(p) };
}

/** "HH:MM" → minutes since midnight ("24:00" → 1440). */
export function hhmmMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Is local time `t` inside the window? A wrapping window's after-midnight part belongs to the previous day's weekday.
 */
export function inWindow(w: TimeWindow, t: LocalTime): boolean {
  const start = hhmmMinutes(w.start);
  const end = hhmmMinutes(w.end);
  const dayOk = (d: number): boolean => !w.weekdays || w.weekdays.includes(d);
  if (start === end) return false;
  if (start < end) return t.minutes >= start && t.minutes < end && dayOk(t.weekday);
  if (t.minutes >= start) return dayOk(t.weekday);
  return t.minutes < end && dayOk((t.weekday + 6) % 7);
}

/** Is instant `ts` inside any of the windows, in `tz`? (False without windows.) */
export function inAnyWindow(windows: readonly TimeWindow[], ts: number, tz: string): boolean {
  if (windows.length === 0) return false;
  const t = localTime(ts, tz);
  return windows.some((w) => inWindow(w, t));
}
