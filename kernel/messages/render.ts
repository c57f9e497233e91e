/**
 * Render a Text (a key and its parameters) in a locale: the template from the catalog (the other locale's, then the
 * key itself, when missing), `{name}` placeholders filled; times in the work calendar's zone, durations in words,
 * names instead of ids. Pure apart from Intl.
 */
import { CATALOG, type Locale } from './catalog.ts';
import { noNames, type Names } from './names.ts';
import type { Param, Text } from './text.ts';

export interface RenderContext {
  /** IANA zone times are shown in (the work calendar's, cases.calendar.timezone). */
  readonly timeZone: string;
  readonly names?: Names;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const STYLES = {
  dateTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A moment in local time: zh-CN "12月5日 20:15", en "5 Dec, 20:15". */
export function formatTime(ts: number, locale: Locale, timeZone: string, f: keyof typeof STYLES = 'dateTime'): string {
  if (!Number.isFinite(ts)) return '—';
  const key = `${locale}|${timeZone}|${f}`;
  let dtf = formats.get(key);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { ...STYLES[f], timeZone });
    formats.set(key, dtf);
  }
  return dtf.format(ts);
}

/** A template from the catalog with `{name}` placeholders filled by already rendered values (missing ones kept). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** The template of `key` in `locale` (the other locale's, then the key itself, when missing). */
export function template(key: string, locale: Locale): string {
  return CATALOG[locale][key] ?? CATALOG[locale === 'en' ? 'zh-CN' : 'en'][key] ?? key;
}

/** One parameter as text in `locale`. */
export function param(p: Param, locale: Locale, ctx: RenderContext): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return Number.isInteger(p) ? String(p) : String(Math.round(p * 10) / 10);
  if ('t' in p) return formatTime(p.t, locale, ctx.timeZone, p.f);
  if ('ms' in p) {
    const min = Math.round(Math.abs(p.ms) / 60_000);
    if (min < 60) return fill(template('common.minutes', locale), { m: String(min) });
    return fill(template('common.hoursMinutes', locale), { h: String(Math.floor(min / 60)), m: String(min % 60) });
  }
  if ('list' in p) return p.list.join(locale === 'en' ? ', ' : '、');
  if ('ref' in p) return (ctx.names ?? noNames).name(p.ref, p.id, locale) ?? p.id;
  return render(p, locale, ctx);
}

/** The text in `locale`. */
export function render(text: Text, locale: Locale, ctx: RenderContext): string {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(text.params ?? {})) values[k] = param(v, locale, ctx);
  return fill(template(text.key, locale), values);
}

/** A stored text: a Text rendered, a plain string (old rows, people's own words) as it is. */
export function show(v: Text | string | undefined, locale: Locale, ctx: RenderContext): string | undefined {
  return v === undefined || typeof v === 'string' ? v : render(v, locale, ctx);
}
