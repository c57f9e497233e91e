/**
 * Statistics with drill-down (pure): the KPIs of cases/kpi.ts over a period, grouped by one dimension — 街道, 社区,
 * grid cell, 大类, 小类, unit, contractor, source — within optional filters; and the cases behind any one figure,
 * found by the same code that counted them (so a drill-down lists exactly the cases counted).
 */
import type { AreaLevel, GridAreas } from '../kernel/grid-areas.ts';
import type { CaseSource } from '../kernel/types/index.ts';
import { FIGURES, type Facts, type Figure, type KpiCase, type KpiRow, kpiCohort, kpiRow } from './kpi.ts';

export const DIMENSIONS = ['street', 'community', 'grid', 'major', 'category', 'unit', 'contractor', 'source'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The key of cases without a value in a dimension (no grid cell, no unit, outside every street…). */
export const NONE = '(none)';

/** Filters, each the same as the case list's (cases/list.ts); NONE matches a case without the value. */
export interface StatsFilter {
  /** "MM-NN", or a major class "MM-*". */
  readonly category?: string;
  /** Grid cell code prefix. */
  readonly grid?: string;
  /** One grid cell, exactly. */
  readonly cell?: string;
  readonly street?: string;
  readonly community?: string;
  readonly unit?: string;
  readonly contractor?: string;
  readonly source?: CaseSource;
}

export interface StatsPeriod {
  readonly from: number;
  readonly to: number;
  readonly now: number;
}

export interface StatsRow extends KpiRow {
  /** The dimension's filter value for this row's drill-down (the key; "MM-*" for a major class). */
  readonly filter: string;
}

export interface StatsReport {
  readonly from: number;
  readonly to: number;
  readonly asOf: number;
  readonly dimension: Dimension;
  readonly filter: StatsFilter;
  readonly total: KpiRow;
  readonly rows: readonly StatsRow[];
}

/** The filter each dimension's rows drill down with. */
export const DIMENSION_FILTER: Readonly<Record<Dimension, keyof StatsFilter>> = {
  street: 'street',
  community: 'community',
  grid: 'cell',
  major: 'category',
  category: 'category',
  unit: 'unit',
  contractor: 'contractor',
  source: 'source',
};

export function dimensionKey(dim: Dimension, c: KpiCase, areas: GridAreas): string | undefined {
  switch (dim) {
    case 'street':
    case 'community':
      return areas.of(c.gridCell, dim as AreaLevel) ?? NONE;
    case 'grid':
      return c.gridCell ?? NONE;
    case 'major':
      return c.category.slice(0, 2);
    case 'category':
      return c.category;
    case 'unit':
      return c.unitId ?? NONE;
    case 'contractor':
      return c.contractor;
    case 'source':
      return c.source;
  }
}

const eq = (want: string | undefined, have: string | undefined): boolean =>
  want === undefined || (want === NONE ? have === undefined : want === have);

export function matches(c: KpiCase, f: StatsFilter, areas: GridAreas): boolean {
  if (f.category !== undefined) {
    const ok = f.category.endsWith('-*') ? c.category.startsWith(f.category.slice(0, -1)) : c.category === f.category;
    if (!ok) return false;
  }
  if (f.grid !== undefined && !(c.gridCell ?? '').startsWith(f.grid)) return false;
  return (
    eq(f.cell, c.gridCell) &&
    eq(f.street, areas.of(c.gridCell, 'street')) &&
    eq(f.community, areas.of(c.gridCell, 'community')) &&
    eq(f.unit, c.unitId) &&
    (f.contractor === undefined || f.contractor === c.contractor) &&
    (f.source === undefined || f.source === c.source)
  );
}

function scoped(cases: readonly KpiCase[], period: StatsPeriod, filter: StatsFilter, areas: GridAreas) {
  const { asOf, cohort } = kpiCohort(cases, period);
  return { asOf, cohort: cohort.filter((f) => matches(f.c, filter, areas)) };
}

export function computeStats(
  cases: readonly KpiCase[],
  period: StatsPeriod,
  dimension: Dimension,
  filter: StatsFilter,
  areas: GridAreas,
  workHours: (a: number, b: number) => number,
): StatsReport {
  const { asOf, cohort } = scoped(cases, period, filter, areas);
  const by = new Map<string, Facts[]>();
  for (const f of cohort) {
    const k = dimensionKey(dimension, f.c, areas);
    if (k === undefined) continue;
    const list = by.get(k);
    if (list) list.push(f);
    else by.set(k, [f]);
  }
  const rows = [...by.entries()]
    .map(([k, list]) => ({
      ...kpiRow(k, list, asOf, workHours),
      filter: dimension === 'major' ? `${k}-*` : k,
    }))
    .sort((a, b) => b.registered - a.registered || a.key.localeCompare(b.key));
  const total = kpiRow('total', cohort, asOf, workHours);
  return { from: period.from, to: period.to, asOf, dimension, filter, total, rows };
}

/** Ids of the cases counted in `figure` within the filter (a row's filter included): the drill-down. */
export function figureCaseIds(
  cases: readonly KpiCase[],
  period: StatsPeriod,
  figure: Figure,
  filter: StatsFilter,
  areas: GridAreas,
): string[] {
  const { asOf, cohort } = scoped(cases, period, filter, areas);
  return cohort.filter((f) => FIGURES[figure](f, asOf)).map((f) => f.c.id);
}
