/** Wall-clock ↔ instant in an IANA time zone, with Intl only (no tz database of our own). */

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
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
    formatters.set(tz, f);
  }
  return f;
}

/** Local calendar date and time of an instant in `tz`. */
export function localParts(t: number, tz: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mm: p.minute!, ss: p.second! };
}

/** Offset of `tz` from UTC at instant t, in ms (+8 h for Asia/Shanghai). */
export function offsetMs(t: number, tz: string): number {
  const p = localParts(t, tz);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

/** The instant of local wall-clock `date minutes` in `tz` (minutes since local midnight; 1440 = next midnight). */
export function localToInstant(date: LocalDate, minutes: number, tz: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  return second;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

export function isoDate(date: LocalDate): string {
  return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** ISO-8601 with the zone's offset, e.g. 2026-11-23T09:30:00+08:00 (Open311 wants the zone). */
export function isoLocal(t: number, tz: string): string {
  const p = localParts(t, tz);
  const off = offsetMs(t, tz) / 60000;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${isoDate(p)}T${two(p.hh)}:${two(p.mm)}:${two(p.ss)}${sign}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}
