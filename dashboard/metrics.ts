/** The dashboard's Prometheus metrics (in kernel/metrics.ts's registry) and GET /metrics. */
import { Hono, type MiddlewareHandler } from 'hono';
import { Counter, Gauge, Histogram } from 'prom-client';
import { declaredFor } from '../kernel/http/access.ts';
import { metricOnce, metrics } from '../kernel/metrics.ts';
import { access } from '../kernel/http/access.ts';

const allow = access('system');

export const httpRequests = metricOnce(
  'gridwatch_http_requests_total',
  () =>
    new Counter({
      name: 'gridwatch_http_requests_total',
      help: 'HTTP requests by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [metrics],
    }),
);
export const httpDuration = metricOnce(
  'gridwatch_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'gridwatch_http_request_duration_seconds',
      help: 'HTTP request duration (time to response headers; SSE excluded).',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [metrics],
    }),
);
export const logins = metricOnce(
  'gridwatch_logins_total',
  () =>
    new Counter({
      name: 'gridwatch_logins_total',
      help: 'Login attempts by result (ok, invalid, limited).',
      labelNames: ['result'],
      registers: [metrics],
    }),
);
export const alertsRaised = metricOnce(
  'gridwatch_alerts_total',
  () =>
    new Counter({
      name: 'gridwatch_alerts_total',
      help: 'Alerts raised in the monitoring room, by kind.',
      labelNames: ['kind'],
      registers: [metrics],
    }),
);

const liveClients = new Set<() => number>();
metricOnce(
  'gridwatch_sse_clients',
  () =>
    new Gauge({
      name: 'gridwatch_sse_clients',
      help: 'Browsers connected to the live feed (/api/events).',
      registers: [metrics],
      collect() {
        this.set([...liveClients].reduce((n, f) => n + f(), 0));
      },
    }),
);

/** Count a live-feed client source; returns the function that removes it. */
export function countLiveClients(size: () => number): () => void {
  liveClients.add(size);
  return () => liveClients.delete(size);
}

/** Request counting by route pattern (the declared route's, so ids in paths don't explode the label set). */
export function requestMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = declaredFor(c)?.path ?? (c.req.path.startsWith('/api/') ? 'unknown' : 'static');
    httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    if (route !== '/api/events')
      httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  };
}

export function metricsRoute(): Hono {
  const app = new Hono();
  app.get(
    '/metrics',
    allow(['admin'], 'Prometheus metrics (admin session, or Bearer server.metricsToken).'),
    async (c) => c.body(await metrics.metrics(), 200, { 'Content-Type': metrics.contentType }),
  );
  return app;
}
