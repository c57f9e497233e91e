/** The one Prometheus registry; every component registers its counters/gauges here, /metrics serves it. */
import { Registry, collectDefaultMetrics, type Metric } from 'prom-client';

export const metrics = new Registry();
metrics.setDefaultLabels({ app: 'gridwatch' });
collectDefaultMetrics({ register: metrics, prefix: 'gridwatch_' });

/** A metric already registered (several apps in one test process, modules loaded twice), or `make()` registers it. */
export function metricOnce<T extends Metric>(name: string, make: () => T): T {
  return (metrics.getSingleMetric(name) as T | undefined) ?? make();
}
