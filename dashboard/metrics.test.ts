import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { clientFor, login, startDashboardApp } from './testing.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('GET /metrics', () => {
  it('serves the Prometheus registry to an admin, with request and login counters', async () => {
    app = await startDashboardApp();
    const admin = await login(app.url(), 'admin');
    await admin.fetch('/api/alerts');
    const res = await admin.fetch('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /gridwatch_http_requests_total\{method="GET",route="\/api\/alerts",status="200",app="gridwatch"\} \d+/,
    );
    expect(text).toMatch(/gridwatch_logins_total\{result="ok",app="gridwatch"\} \d+/);
    expect(text).toMatch(/gridwatch_sse_clients\{app="gridwatch"\} 0/);
    expect(text).toContain('gridwatch_process_cpu_seconds_total');
    const op = await login(app.url(), 'operator');
    expect((await op.fetch('/metrics')).status).toBe(403);
    expect((await clientFor(app.url()).fetch('/metrics')).status).toBe(401);
  });

  it('accepts the configured bearer token (server.metricsToken) without a session', async () => {
    const token = 'prometheus-scrape-token-0123';
    app = await startDashboardApp({ server: { port: 0, metricsToken: token } });
    expect((await fetch(`${app.url()}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${app.url()}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});
