/**
 * Local days of the work calendar's time zone for the overview: today, this month, the last N days, and cases
 * counted per day and source (pure).
 */
import { addDays, isoDate, localParts, localToInstant, type LocalDate } from '../kernel/time.ts';
import type { CaseSource } from '../kernel/types/index.ts';

export interface LocalDay {
  /** "YYYY-MM-DD" in the zone. */
  readonly day: string;
  /** [from, to): local midnight to the next local midnight. */
  readonly from: number;
  readonly to: number;
}

const dateOf = (t: number, tz: string): LocalDate => {
  const p = localParts(t, tz);
  return { y: p.y, m: p.m, d: p.d };
};

const span = (d: LocalDate, tz: string): LocalDay => ({
  day: isoDate(d),
  from: localToInstant(d, 0, tz),
  to: localToInstant(addDays(d, 1), 0, tz),
});

/** The local day holding `now`. */
export const today = (now: number, tz: string): LocalDay => span(dateOf(now, tz), tz);

/** [local midnight of the 1st of this month, the end of today). */
export function thisMonth(now: number, tz: string): { readonly from: number; readonly to: number } {
  const d = dateOf(now, tz);
  return { from: localToInstant({ ...d, d: 1 }, 0, tz), to: today(now, tz).to };
}

/** The last `n` local days, today last. */
export function lastDays(now: number, tz: string, n: number): LocalDay[] {
  const d = dateOf(now, tz);
  return Array.from({ length: n }, (_, i) => span(addDays(d, i - n + 1), tz));
}

export interface Reported {
  readonly createdAt: number;
  readonly source: CaseSource;
}

/** Reports (cases created) in [from, to) by source. */
export function bySource(cases: readonly Reported[], from: number, to: number): Record<CaseSource, number> {
  const out: Record<CaseSource, number> = { camera: 0, vehicle: 0, inspector: 0, citizen: 0, external: 0 };
  for (const c of cases) if (c.createdAt >= from && c.createdAt < to) out[c.source]++;
  return out;
}

/** Reports per local day. */
export function perDay(cases: readonly Reported[], days: readonly LocalDay[]): number[] {
  return days.map((d) => cases.filter((c) => c.createdAt >= d.from && c.createdAt < d.to).length);
}
