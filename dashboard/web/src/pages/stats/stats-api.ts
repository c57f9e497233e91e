/**
 * Statistics (cases/routes-stats.ts): the report per dimension, its export URLs, and the case-list URL that drills
 * into one figure. Shapes are the server's own (type-only imports).
 */
import type { Figure, KpiRow } from '../../../../../cases/kpi.ts';
import type { Dimension, StatsFilter } from '../../../../../cases/stats.ts';
import { api, query } from '../../lib/api.ts';
import { href } from '../../lib/router.ts';

export type { Dimension, Figure, KpiRow, StatsFilter };

export const DIMENSIONS: readonly Dimension[] = [
  'street',
  'community',
  'grid',
  'major',
  'category',
  'unit',
  'contractor',
  'source',
];
export const FILTER_KEYS = ['category', 'grid', 'cell', 'street', 'community', 'unit', 'contractor', 'source'] as const;

export interface StatsRow extends KpiRow {
  readonly name: string;
  readonly filter: string;
}

export interface StatsAnswer {
  readonly from: number;
  readonly to: number;
  readonly asOf: number;
  readonly dimension: Dimension;
  readonly total: KpiRow;
  readonly rows: readonly StatsRow[];
  readonly drillFilter: keyof StatsFilter;
}

export interface StatsQuery {
  readonly from: number;
  readonly to: number;
  readonly dimension: Dimension;
  readonly filter: Readonly<Record<string, string>>;
}

const params = (q: StatsQuery): Record<string, string | number> => ({
  from: q.from,
  to: q.to,
  dimension: q.dimension,
  ...q.filter,
});

export const fetchStats = (q: StatsQuery): Promise<StatsAnswer> =>
  api.get<StatsAnswer>(`/api/cases/stats${query(params(q))}`);

export const exportUrl = (q: StatsQuery, format: 'xlsx' | 'csv', lang: string): string =>
  `/api/cases/stats${query({ ...params(q), format, lang })}`;

/** The case board listing exactly the cases counted in `figure` (of one row, or of the total when `row` is unset). */
export function drillHref(q: StatsQuery, figure: Figure, row?: { key: keyof StatsFilter; value: string }): string {
  return href(['cases'], {
    ...q.filter,
    ...(row ? { [row.key]: row.value } : {}),
    figure,
    periodFrom: String(q.from),
    periodTo: String(q.to),
  });
}
