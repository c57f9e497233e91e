/**
 * The cases part of the 大屏 (big-screen overview), in the calendar's local days: reports by source today and this
 * month, the month's KPIs (cases/kpi.ts formulas), 7- and 30-day trends, the top grid cells, streets and categories,
 * unit and contractor rankings, and the open cases for the map.
 */
import type { Db } from '../kernel/db.ts';
import type { CaseSource, CaseStatus } from '../kernel/types/index.ts';
import type { Catalog } from './catalog.ts';
import { type KpiRow, kpiCohort, kpiRow } from './kpi.ts';
import { loadKpiCases } from './kpi-load.ts';
import { computeStats, type Dimension } from './stats.ts';
import { bySource, type LocalDay, lastDays, perDay, thisMonth, today } from './stats-days.ts';
import { rowName } from './stats-labels.ts';

export interface Trend {
  readonly days: readonly string[];
  readonly reported: readonly number[];
  readonly closed: readonly number[];
}

export interface Ranked {
  readonly key: string;
  readonly name: string;
  readonly n: number;
}

export interface RankedUnit extends KpiRow {
  readonly name: string;
}

export interface OpenCase {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly category: string;
  readonly status: CaseStatus;
  readonly overdue: boolean;
}

export interface CaseOverview {
  readonly today: LocalDay;
  readonly month: { readonly from: number; readonly to: number };
  readonly reports: { readonly today: Record<CaseSource, number>; readonly month: Record<CaseSource, number> };
  /** KPIs of the cases registered today / this month, as of now. */
  readonly kpi: { readonly today: KpiRow; readonly month: KpiRow };
  readonly trend7: Trend;
  readonly trend30: Trend;
  /** By reports this month. */
  readonly top: { readonly cells: Ranked[]; readonly streets: Ranked[]; readonly categories: Ranked[] };
  /** This month's cohort per unit / contractor, best 按期结案率 first. */
  readonly units: readonly RankedUnit[];
  readonly contractors: readonly RankedUnit[];
  readonly open: readonly OpenCase[];
}

const TOP = 8;
const OPEN_ON_MAP = 1000;

interface ReportRow {
  readonly source: CaseSource;
  readonly category: string;
  readonly gridCell: string | null;
  readonly createdAt: number;
}

function top(rows: readonly ReportRow[], key: (r: ReportRow) => string | undefined, name: (k: string) => string) {
  const n = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== undefined) n.set(k, (n.get(k) ?? 0) + 1);
  }
  return [...n.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([k, v]) => ({ key: k, name: name(k), n: v }));
}

export function caseOverview(db: Db, catalog: Catalog, now: number): CaseOverview {
  const tz = catalog.timezone;
  const day = today(now, tz);
  const month = thisMonth(now, tz);
  const days30 = lastDays(now, tz, 30);
  const since = Math.min(month.from, days30[0]!.from);
  const reports = db
    .prepare(
      `SELECT source, category, grid_cell AS "gridCell", created_at AS "createdAt" FROM cases
       WHERE created_at >= ? AND created_at < ?`,
    )
    .all(since, day.to) as ReportRow[];
  const closedAt = db
    .prepare("SELECT ts FROM case_events WHERE action = 'verify' AND ts >= ? AND ts < ?")
    .pluck()
    .all(since, day.to) as number[];
  const closedRows = closedAt.map((ts) => ({ createdAt: ts, source: 'camera' as const }));
  const trend = (days: readonly LocalDay[]): Trend => ({
    days: days.map((d) => d.day),
    reported: perDay(reports, days),
    closed: perDay(closedRows, days),
  });
  const kpiCases = loadKpiCases(db, month.from, month.to);
  const wh = (a: number, b: number): number => catalog.workingHoursBetween(a, b);
  const period = { from: month.from, to: month.to, now };
  const todayCohort = kpiCohort(kpiCases, { from: day.from, to: day.to, now });
  const monthCohort = kpiCohort(kpiCases, period);
  const ranking = (dim: Dimension): RankedUnit[] =>
    computeStats(kpiCases, period, dim, {}, catalog.areas, wh)
      .rows.map((r) => ({ ...r, name: rowName(dim, r.key, 'zh-CN', catalog, catalog.areas) }))
      .sort((a, b) => (b.closedOnTimeRate ?? -1) - (a.closedOnTimeRate ?? -1) || b.registered - a.registered);
  const monthReports = reports.filter((r) => r.createdAt >= month.from);
  const areas = catalog.areas;
  const open = (
    db
      .prepare(
        `SELECT id, lat, lon, category, status, deadline FROM cases
         WHERE status NOT IN ('closed', 'rejected', 'cancelled') AND lat IS NOT NULL
         ORDER BY created_at DESC LIMIT ?`,
      )
      .all(OPEN_ON_MAP) as (Omit<OpenCase, 'overdue'> & { deadline: number | null })[]
  ).map(({ deadline, ...c }) => ({
    ...c,
    overdue: (c.status === 'dispatched' || c.status === 'handling') && deadline !== null && deadline < now,
  }));
  return {
    today: day,
    month,
    reports: { today: bySource(reports, day.from, day.to), month: bySource(reports, month.from, month.to) },
    kpi: {
      today: kpiRow('today', todayCohort.cohort, todayCohort.asOf, wh),
      month: kpiRow('month', monthCohort.cohort, monthCohort.asOf, wh),
    },
    trend7: trend(days30.slice(-7)),
    trend30: trend(days30),
    top: {
      cells: top(
        monthReports,
        (r) => r.gridCell ?? undefined,
        (k) => k,
      ),
      streets: top(
        monthReports,
        (r) => areas.of(r.gridCell ?? undefined, 'street'),
        (k) => areas.name(k),
      ),
      categories: top(
        monthReports,
        (r) => r.category,
        (k) => rowName('category', k, 'zh-CN', catalog, areas),
      ),
    },
    units: ranking('unit'),
    contractors: ranking('contractor'),
    open,
  };
}
