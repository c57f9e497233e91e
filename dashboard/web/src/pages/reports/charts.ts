/** ECharts, bundled and tree-shaken to the charts used (loaded with the reports page). */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartHandle = echarts.ECharts;

export function initChart(el: HTMLElement): ChartHandle {
  return echarts.init(el, undefined, { renderer: 'canvas' });
}
