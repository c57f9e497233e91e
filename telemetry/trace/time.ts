/** Time fields of traces: ISO 8601 (with or without offset, then in a time zone), epoch s/ms, relative seconds. */
import { zonedToEpoch } from '../../kernel/time.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

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
