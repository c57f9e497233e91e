/**
 * Names in statistics and their exports, from the server's message catalog (kernel/messages, pack `stats`; zh-CN by
 * default) and the config (units, categories, 街道/社区): the same names the statistics page shows, so a
 * spreadsheet's rows read as the screen's.
 */
import type { GridAreas } from '../kernel/grid-areas.ts';
import { CATALOG, type Locale } from '../kernel/messages/index.ts';
import type { CaseSource } from '../kernel/types/index.ts';
import type { Catalog } from './catalog.ts';
import type { KpiRow } from './kpi.ts';
import { type Dimension, NONE } from './stats.ts';

export type Lang = Locale;

/** The catalog's text for a key (the key itself when missing: the message test keeps that from happening). */
export const say = (key: string, lang: Lang): string => CATALOG[lang][key] ?? CATALOG.en[key] ?? key;

/** The figures of a statistics row, in column order, with how each is written (names: `stats.fig.<key>`). */
export const FIGURE_COLUMNS: readonly { key: keyof KpiRow; kind: 'count' | 'rate' | 'hours' }[] = [
  { key: 'registered', kind: 'count' },
  { key: 'closed', kind: 'count' },
  { key: 'closeRate', kind: 'rate' },
  { key: 'due', kind: 'count' },
  { key: 'handled', kind: 'count' },
  { key: 'handledOnTime', kind: 'count' },
  { key: 'handledOnTimeRate', kind: 'rate' },
  { key: 'closedOnTime', kind: 'count' },
  { key: 'closedOnTimeRate', kind: 'rate' },
  { key: 'reworked', kind: 'count' },
  { key: 'reworkRate', kind: 'rate' },
  { key: 'overdueUnhandled', kind: 'count' },
  { key: 'supervised', kind: 'count' },
  { key: 'avgHandlingWorkHours', kind: 'hours' },
];

export const sourceName = (s: CaseSource, lang: Lang): string => say(`stats.source.${s}`, lang);

/** The name of a row key of a dimension, from the config. */
export function rowName(dim: Dimension, key: string, lang: Lang, catalog: Catalog, areas: GridAreas): string {
  if (key === NONE) return say('stats.none', lang);
  switch (dim) {
    case 'street':
    case 'community':
      return areas.name(key);
    case 'grid':
      return key;
    case 'major': {
      const c = catalog.config.categories.find((x) => x.code.startsWith(`${key}-`));
      return c ? `${key} ${c.major}` : key;
    }
    case 'category': {
      const c = catalog.category(key);
      return c ? `${key} ${lang === 'en' && c.nameEn ? c.nameEn : c.name}` : key;
    }
    case 'unit':
    case 'contractor':
      return catalog.unit(key)?.name ?? key;
    case 'source':
      return sourceName(key as CaseSource, lang);
  }
}
