/** The one Prometheus registry; every component registers its counters/gauges here, /metrics serves it. */
import { Registry, collectDefaultMetrics } from 'prom-client';

export const metrics = new Registry();
metrics.setDefaultLabels({ app: 'gridwatch' });
collectDefaultMetrics({ register: metrics, prefix: 'gridwatch_' });
