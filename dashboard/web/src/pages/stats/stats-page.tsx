/**
 * 统计分析: KPIs over any period by 街道, 社区, grid cell, 大类, 小类, unit, contractor or source; 街道 → 社区 and
 * 大类 → 小类 drill in; every count opens the case list of exactly its cases; .xlsx and CSV from the server.
 * State is in the URL: #/stats?from=YYYY-MM-DD&to=…&dim=street&<filters>&<filter>Name=<shown name>.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, useLocale } from '../../i18n/index.ts';
import { configStore, serverNow } from '../../lib/config.ts';
import { navigate, type Route } from '../../lib/router.ts';
import { Chart } from '../reports/chart.tsx';
import { localDay, periodRange } from '../reports/period.ts';
import { PeriodPicker } from '../reports/reports.tsx';
import {
  DIMENSIONS,
  type Dimension,
  exportUrl,
  FILTER_KEYS,
  fetchStats,
  type StatsAnswer,
  type StatsQuery,
  type StatsRow,
} from './stats-api.ts';
import { StatsTable } from './stats-table.tsx';

const INTO: Partial<Record<Dimension, Dimension>> = { street: 'community', major: 'category' };

export function StatsPage({ route }: { route: Route }) {
  const locale = useLocale();
  const tz = configStore.get()!.timezone;
  const today = localDay(serverNow(), tz);
  const from = route.query.get('from') ?? today;
  const to = route.query.get('to') ?? from;
  const dim = (DIMENSIONS as readonly string[]).includes(route.query.get('dim') ?? '')
    ? (route.query.get('dim') as Dimension)
    : 'street';
  const filter = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (route.query.get(k) ? [[k, route.query.get(k)!]] : [])),
  ) as Record<string, string>;
  const names = Object.fromEntries(FILTER_KEYS.map((k) => [k, route.query.get(`${k}Name`) ?? undefined]));
  const key = route.query.toString();
  const q: StatsQuery = useMemo(() => {
    const [a, b] = periodRange(from, to, tz);
    return { from: a, to: b, dimension: dim, filter };
  }, [key]);
  const [data, setData] = useState<StatsAnswer>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    fetchStats(q).then(setData, (e: Error) => setError(e.message));
  }, [q]);
  const go = (over: Record<string, string | undefined>): void => {
    const cur = Object.fromEntries(route.query.entries());
    navigate(['stats'], { ...cur, ...over });
  };
  const into = INTO[dim];
  const drillInto = (row: StatsRow): void => {
    if (!into || !data) return;
    go({ dim: into, [data.drillFilter]: row.filter, [`${data.drillFilter}Name`]: row.name });
  };
  const chart = useMemo(() => {
    const rows = (data?.rows ?? []).slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#cbd5e1' } },
      grid: { left: 44, right: 16, top: 30, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, color: '#cbd5e1' },
        axisLine: { lineStyle: { color: '#475569' } },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#1e293b' } } },
      series: [
        {
          type: 'bar',
          name: t('stats.fig.registered'),
          data: rows.map((r) => r.registered),
          itemStyle: { color: '#38bdf8' },
        },
        { type: 'bar', name: t('stats.fig.closed'), data: rows.map((r) => r.closed), itemStyle: { color: '#22c55e' } },
      ],
    };
  }, [data, locale]);
  return (
    <div class="stats-page" data-testid="stats-page">
      <section class="panel">
        <div class="panel-head">
          <h2>{t('stats.title')}</h2>
          <PeriodPicker from={from} to={to} onChange={(f, tt) => go({ from: f, to: tt })} />
        </div>
        <div class="stats-dims" role="tablist" aria-label={t('stats.dimension')}>
          {DIMENSIONS.map((d) => (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={d === dim}
              class={`btn small ${d === dim ? '' : 'ghost'}`}
              data-dim={d}
              onClick={() => go({ dim: d })}
            >
              {t(`stats.dim.${d}`)}
            </button>
          ))}
        </div>
        {Object.keys(filter).length > 0 && (
          <div class="stats-filters">
            <span class="muted">{t('stats.filters')}:</span>
            {Object.entries(filter).map(([k, v]) => (
              <button
                key={k}
                type="button"
                class="chip"
                data-filter={k}
                onClick={() => go({ [k]: undefined, [`${k}Name`]: undefined })}
              >
                {names[k] ?? v} ✕
              </button>
            ))}
          </div>
        )}
        <p class="muted stats-hint">{t('stats.hint')}</p>
        {error && <p class="form-error">{error}</p>}
        <div class="table-tools">
          <a class="btn small" href={exportUrl(q, 'xlsx', locale)} download data-testid="export-xlsx">
            {t('stats.exportXlsx')}
          </a>
          <a class="btn small ghost" href={exportUrl(q, 'csv', locale)} download data-testid="export-stats-csv">
            {t('stats.exportCsv')}
          </a>
        </div>
        {data && <StatsTable q={q} data={data} {...(into ? { into: drillInto } : {})} />}
      </section>
      <section class="panel">
        <Chart title={t('stats.chart')} option={chart} testId="stats-chart" empty={!data || data.rows.length === 0} />
      </section>
    </div>
  );
}
