/** One ECharts chart in a card; follows its container's size. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { ChartHandle, ChartOption } from './charts.ts';

const TEXT = '#cbd5e1';

export function Chart({
  title,
  option,
  testId,
  empty,
  className,
}: {
  title: string;
  option: ChartOption;
  testId?: string;
  /** Nothing to draw: only the 没有数据 text shows (no axes, legend or empty ring). */
  empty?: boolean;
  className?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle>();
  // The newest option: ECharts loads asynchronously, and data that arrives before it has loaded must not be lost.
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    let observer: ResizeObserver | undefined;
    let disposed = false;
    void import('./charts.ts').then(({ initChart }) => {
      if (disposed || !el.current) return;
      chart.current = initChart(el.current);
      chart.current.setOption({
        textStyle: { color: TEXT },
        backgroundColor: 'transparent',
        animation: false,
        ...latest.current,
      });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(el.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { color: TEXT }, backgroundColor: 'transparent', animation: false, ...option },
      true,
    );
  }, [option]);
  return (
    <figure class={`chart card ${className ?? ''}`} data-testid={testId} data-empty={empty ? 'true' : 'false'}>
      <figcaption>{title}</figcaption>
      <div ref={el} class="chart-canvas" style={{ visibility: empty ? 'hidden' : 'visible' }} />
      {empty && <div class="chart-empty">{t('table.empty')}</div>}
    </figure>
  );
}
