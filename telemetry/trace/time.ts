/** Time fields of traces: ISO 8601 (with or without offset, then in a time zone), epoch s/ms, relative seconds. */
import { InputError } from '../../kernel/errors.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

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
      throw new InputError(`unknown time zone "${tz}" (expected an IANA name such as "America/New_York")`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Throws InputError unless `tz` is an IANA time zone. */
export function checkTimeZone(tz: string): void {
  formatter(tz);
}

const offsets = new Map<string, Map<number, number>>();
/** UTC offsets change only on quarter hours, so offsets are cached per 15-minute bucket. */
const BUCKET = 900_000;

/** Offset of `tz` from UTC at instant `t` (epoch ms), in ms (e.g. −5 h for New York in winter). */
export function tzOffsetMs(t: number, tz: string): number {
  let cache = offsets.get(tz);
  if (!cache) offsets.set(tz, (cache = new Map()));
  const bucket = Math.floor(t / BUCKET);
  let off = cache.get(bucket);
  if (off === undefined) {
    const b = bucket * BUCKET;
    const parts: Record<string, number> = {};
    for (const p of formatter(tz).formatToParts(new Date(b))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    off = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) - b;
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

/** Parse an ISO 8601 date-time; without an offset it is wall time in `tz` (UTC when no tz). Null if not ISO. */
export function parseIsoTime(text: string, tz?: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (Number.isNaN(wall) || Number(mo) > 12 || Number(d) > 31 || Number(mo) < 1 || Number(d) < 1) return null;
  if (off === undefined) return tz ? zonedToEpoch(wall, tz) : wall;
  if (off.toUpperCase() === 'Z') return wall;
  const sign = off.startsWith('-') ? -1 : 1;
  const digits = off.slice(1).replace(':', '');
  const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return wall - sign * offMin * 60_000;
}

/** Epoch seconds or milliseconds → ms (values below 1e11 are seconds: 1e11 s is the year 5138). */
export function epochToMs(v: number): number {
  return Math.abs(v) < 1e11 ? Math.round(v * 1000) : Math.round(v);
}

/** A number parsed strictly (no empty strings, no trailing junk); null otherwise. */
export function strictNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
