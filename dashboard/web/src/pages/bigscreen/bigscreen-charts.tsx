/** The 大屏's ECharts: reported vs closed over 7 and 30 local days; large type for a wall display. */
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { Chart } from '../reports/chart.tsx';
import type { BigScreen } from './bigscreen-api.ts';

const BIG = { color: '#e2e8f0', fontSize: 18 };
const AXIS = {
  axisLine: { lineStyle: { color: '#475569' } },
  splitLine: { lineStyle: { color: '#1e293b' } },
  axisLabel: { color: '#cbd5e1', fontSize: 16 },
};

export function TrendChart({
  trend,
  title,
  testId,
}: {
  trend: BigScreen['cases']['trend7'];
  title: string;
  testId: string;
}) {
  const long = trend.days.length > 10;
  const option = useMemo(
    () => ({
      textStyle: BIG,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 8, textStyle: { color: '#e2e8f0', fontSize: 16 }, itemWidth: 18, itemHeight: 12 },
      grid: { left: 44, right: 12, top: 34, bottom: 28 },
      xAxis: {
        type: 'category',
        data: trend.days.map((d) => d.slice(5)),
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, interval: long ? 6 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [
        {
          type: long ? 'line' : 'bar',
          name: t('bigscreen.reported'),
          data: trend.reported,
          itemStyle: { color: '#38bdf8' },
          smooth: true,
          barMaxWidth: 22,
          showSymbol: !long,
        },
        {
          type: 'line',
          name: t('bigscreen.closed'),
          data: trend.closed,
          itemStyle: { color: '#22c55e' },
          lineStyle: { width: 3 },
          smooth: true,
          showSymbol: !long,
        },
      ],
    }),
    [trend],
  );
  const empty = trend.reported.every((n) => n === 0) && trend.closed.every((n) => n === 0);
  return <Chart title={title} option={option} testId={testId} empty={empty} className="bs-chart" />;
}
