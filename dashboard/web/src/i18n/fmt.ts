/** Dates, numbers, percentages and durations in the current locale (Intl), in the work calendar's time zone. */
import { localeStore, t, timeZoneStore } from './index.ts';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dtf(style: 'dateTime' | 'date' | 'time' | 'short'): Intl.DateTimeFormat {
  const locale = localeStore.get();
  const timeZone = timeZoneStore.get();
  const key = `d|${locale}|${timeZone}|${style}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : style === 'time'
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
          : style === 'short'
            ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : {
                year: 'numeric',
                month: '2-digit',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
                hourCycle: 'h23',
              };
    f = new Intl.DateTimeFormat(locale, { ...opts, ...(timeZone ? { timeZone } : {}) });
    cache.set(key, f);
  }
  return f;
}

function nf(digits: number, style: 'decimal' | 'percent'): Intl.NumberFormat {
  const locale = localeStore.get();
  const key = `n|${locale}|${digits}|${style}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style,
      maximumFractionDigits: digits,
      minimumFractionDigits: style === 'percent' ? digits : 0,
    });
    cache.set(key, f);
  }
  return f;
}

const dash = '—';
const valid = (ts: number | undefined | null): ts is number => typeof ts === 'number' && Number.isFinite(ts);

export const fmt = {
  dateTime: (ts: number | undefined | null): string => (valid(ts) ? dtf('dateTime').format(ts) : dash),
  date: (ts: number | undefined | null): string => (valid(ts) ? dtf('date').format(ts) : dash),
  time: (ts: number | undefined | null): string => (valid(ts) ? dtf('time').format(ts) : dash),
  short: (ts: number | undefined | null): string => (valid(ts) ? dtf('short').format(ts) : dash),
  number: (n: number | undefined | null, digits = 0): string =>
    typeof n === 'number' && Number.isFinite(n) ? nf(digits, 'decimal').format(n) : dash,
  percent: (r: number | undefined | null, digits = 1): string =>
    typeof r === 'number' && Number.isFinite(r) ? nf(digits, 'percent').format(r) : dash,
  /** Time of day in a given zone (a vehicle's plan zone, for its replay). */
  timeIn(ts: number | undefined | null, timeZone: string): string {
    if (!valid(ts)) return dash;
    const key = `t|${localeStore.get()}|${timeZone}`;
    let f = cache.get(key) as Intl.DateTimeFormat | undefined;
    if (!f) {
      f = new Intl.DateTimeFormat(localeStore.get(), {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZone,
      });
      cache.set(key, f);
    }
    return f.format(ts);
  },
  /** "3 h 05 min" / "3 小时 5 分". */
  duration(ms: number | undefined | null): string {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return dash;
    const min = Math.round(Math.abs(ms) / 60_000);
    const h = Math.floor(min / 60);
    const sign = ms < 0 ? '-' : '';
    return sign + (h ? t('fmt.hoursMinutes', { h, m: min % 60 }) : t('fmt.minutes', { m: min }));
  },
  /** "5 min ago" style, for the alert feed. */
  ago(ts: number, now: number = Date.now()): string {
    const s = Math.max(0, Math.round((now - ts) / 1000));
    if (s < 60) return t('fmt.secondsAgo', { s });
    if (s < 3600) return t('fmt.minutesAgo', { m: Math.floor(s / 60) });
    return fmt.short(ts);
  },
};
