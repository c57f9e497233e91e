/** KPI charts: coverage by contractor, violations by kind, daily coverage, case-handling rates. */
import { useMemo } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import type { ComplianceRow } from './aggregate.ts';
import { Chart } from './chart.tsx';
import type { KpiReport } from './reports-api.ts';

const AXIS = {
  axisLine: { lineStyle: { color: '#475569' } },
  splitLine: { lineStyle: { color: '#1e293b' } },
  axisLabel: { interval: 0, hideOverlap: false },
};
const PCT_AXIS = { ...AXIS, axisLabel: { formatter: '{value}%' } };
const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);

export function KpiCharts(props: {
  contractors: readonly ComplianceRow[];
  days: readonly ComplianceRow[];
  all: ComplianceRow;
  kpi?: KpiReport;
}) {
  const coverage = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: props.contractors.map((r) => r.key), ...AXIS },
      yAxis: { type: 'value', max: 100, ...PCT_AXIS },
      series: [
        {
          type: 'bar',
          name: t('reports.coverage'),
          data: props.contractors.map((r) => pct(r.coverage)),
          itemStyle: { color: '#22c55e' },
          barMaxWidth: 48,
        },
      ],
    }),
    [props.contractors],
  );
  const kinds = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, textStyle: { color: '#cbd5e1' } },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '42%'],
          label: { show: false },
          data: Object.entries(props.all.byKind).map(([k, n]) => ({ name: t(`violation.${k}`), value: n })),
        },
      ],
    }),
    [props.all],
  );
  const trend = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: props.days.map((r) => r.key), ...AXIS },
      yAxis: { type: 'value', max: 100, ...PCT_AXIS },
      series: [
        {
          type: 'line',
          name: t('reports.coverage'),
          data: props.days.map((r) => pct(r.coverage)),
          smooth: true,
          itemStyle: { color: '#38bdf8' },
        },
      ],
    }),
    [props.days],
  );
  const rates = useMemo(() => {
    const k = props.kpi?.total;
    const names = ['closeRate', 'handledOnTimeRate', 'closedOnTimeRate', 'reworkRate'] as const;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      // the value under each name: a rate with a zero denominator (按期处置率 while nothing is due) reads "—"
      xAxis: {
        type: 'category',
        data: names.map((n) => `${t(`kpi.${n}`)}\n${fmt.percent(k?.[n] ?? null)}`),
        ...AXIS,
      },
      yAxis: { type: 'value', max: 100, ...PCT_AXIS },
      series: [
        { type: 'bar', data: names.map((n) => pct(k?.[n] ?? null)), itemStyle: { color: '#f59e0b' }, barMaxWidth: 48 },
      ],
    };
  }, [props.kpi]);
  return (
    <div class="charts">
      <Chart
        title={t('reports.chart.coverageByContractor')}
        option={coverage}
        testId="chart-coverage"
        empty={props.contractors.length === 0}
      />
      <Chart
        title={t('reports.chart.violationsByKind')}
        option={kinds}
        testId="chart-kinds"
        empty={props.all.violations === 0}
      />
      <Chart
        title={t('reports.chart.coverageTrend')}
        option={trend}
        testId="chart-trend"
        empty={props.days.every((d) => d.coverage === null)}
      />
      <Chart
        title={t('reports.chart.caseRates')}
        option={rates}
        testId="chart-cases"
        empty={!props.kpi || props.kpi.total.registered === 0}
      />
    </div>
  );
}
