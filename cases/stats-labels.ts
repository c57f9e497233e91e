/**
 * Names in statistics and their exports: row names from the config (units, categories, 街道/社区) and the column
 * headers and source names in zh-CN (the default) or English. The same names the statistics page shows, so a
 * spreadsheet's rows read as the screen's.
 */
import type { GridAreas } from '../kernel/grid-areas.ts';
import type { CaseSource, CaseStatus } from '../kernel/types/index.ts';
import type { Catalog } from './catalog.ts';
import type { KpiRow } from './kpi.ts';
import { type Dimension, NONE } from './stats.ts';

export type Lang = 'zh-CN' | 'en';

type Text = Readonly<Record<Lang, string>>;

export const SOURCE_NAMES: Readonly<Record<CaseSource, Text>> = {
  camera: { 'zh-CN': '视频', en: 'Camera' },
  vehicle: { 'zh-CN': '车辆', en: 'Vehicle' },
  citizen: { 'zh-CN': '市民', en: 'Citizen' },
  inspector: { 'zh-CN': '巡查员', en: 'Inspector' },
  external: { 'zh-CN': '外部平台', en: 'External' },
};

export const STATUS_NAMES: Readonly<Record<CaseStatus, Text>> = {
  reported: { 'zh-CN': '已上报', en: 'Reported' },
  registered: { 'zh-CN': '已立案', en: 'Registered' },
  rejected: { 'zh-CN': '不予立案', en: 'Rejected' },
  dispatched: { 'zh-CN': '已派遣', en: 'Dispatched' },
  handling: { 'zh-CN': '处置中', en: 'Handling' },
  handled: { 'zh-CN': '待核查', en: 'Handled' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  suspended: { 'zh-CN': '挂账', en: 'Suspended' },
  cancelled: { 'zh-CN': '已作废', en: 'Cancelled' },
};

export const DIMENSION_NAMES: Readonly<Record<Dimension, Text>> = {
  street: { 'zh-CN': '街道', en: 'Street' },
  community: { 'zh-CN': '社区', en: 'Community' },
  grid: { 'zh-CN': '网格', en: 'Grid cell' },
  major: { 'zh-CN': '大类', en: 'Major class' },
  category: { 'zh-CN': '小类', en: 'Category' },
  unit: { 'zh-CN': '责任单位', en: 'Unit' },
  contractor: { 'zh-CN': '作业单位', en: 'Contractor' },
  source: { 'zh-CN': '来源', en: 'Source' },
};

/** The figures of a statistics row, in column order, with how each is written. */
export const FIGURE_COLUMNS: readonly { key: keyof KpiRow; kind: 'count' | 'rate' | 'hours'; name: Text }[] = [
  { key: 'registered', kind: 'count', name: { 'zh-CN': '立案数', en: 'Registered' } },
  { key: 'closed', kind: 'count', name: { 'zh-CN': '结案数', en: 'Closed' } },
  { key: 'closeRate', kind: 'rate', name: { 'zh-CN': '结案率', en: 'Close rate' } },
  { key: 'due', kind: 'count', name: { 'zh-CN': '应处置数', en: 'Due' } },
  { key: 'handled', kind: 'count', name: { 'zh-CN': '处置数', en: 'Handled' } },
  { key: 'handledOnTime', kind: 'count', name: { 'zh-CN': '按期处置数', en: 'Handled on time' } },
  { key: 'handledOnTimeRate', kind: 'rate', name: { 'zh-CN': '按期处置率', en: 'Handled-on-time rate' } },
  { key: 'closedOnTime', kind: 'count', name: { 'zh-CN': '按期结案数', en: 'Closed on time' } },
  { key: 'closedOnTimeRate', kind: 'rate', name: { 'zh-CN': '按期结案率', en: 'Closed-on-time rate' } },
  { key: 'reworked', kind: 'count', name: { 'zh-CN': '返工数', en: 'Reworked' } },
  { key: 'reworkRate', kind: 'rate', name: { 'zh-CN': '返工率', en: 'Rework rate' } },
  { key: 'overdueUnhandled', kind: 'count', name: { 'zh-CN': '超期未处置', en: 'Overdue' } },
  { key: 'supervised', kind: 'count', name: { 'zh-CN': '督办件数', en: 'Supervised' } },
  { key: 'avgHandlingWorkHours', kind: 'hours', name: { 'zh-CN': '平均处置工作时', en: 'Avg handling (work h)' } },
];

export const NONE_NAME: Text = { 'zh-CN': '（未划分）', en: '(none)' };

/** The name of a row key of a dimension, from the config. */
export function rowName(dim: Dimension, key: string, lang: Lang, catalog: Catalog, areas: GridAreas): string {
  if (key === NONE) return NONE_NAME[lang];
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
      return SOURCE_NAMES[key as CaseSource]?.[lang] ?? key;
  }
}
