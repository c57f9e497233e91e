import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../kernel/http/error-handler.ts';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig } from '../../kernel/testing.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { routeRoutes } from './routes.ts';
import { RouteService } from './service.ts';
import { at, gridLines, writeLines } from './testing.ts';

const T = Date.parse('2026-03-02T06:00:00Z');
const streets = writeLines(gridLines().filter((l) => l.id === 'row1' || l.id === 'row2'));
const { config, baseDir } = testConfig({
  vehicles: [
    { id: 'V1', type: 'sweeper', contractor: 'Clean Co', plan: 'p1' },
    { id: 'V2', type: 'sweeper', contractor: 'Clean Co', plan: 'p1' },
  ],
  plans: [{ id: 'p1', streets, timezone: 'UTC', windows: [{ start: '06:00', end: '08:00' }] }],
});
const clock = new ManualClock(T);
const svc = new RouteService(
  { config, baseDir, dataDir: '/tmp', bus: new EventBus(), log: silentLogger(), clock, startedAt: T },
  { tickMs: 0 },
);
const app = new Hono<ApiEnv>();
app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
app.use('*', async (c, next) => {
  c.set('user', { username: 'reg', role: 'regulator' });
  await next();
});
app.route('/', routeRoutes(svc));

beforeAll(async () => {
  await svc.start();
  let t = T + 10 * 60_000;
  for (let x = 0; x <= 300; x += 8, t += 5000) {
    const [lon, lat] = at(x, 99);
    svc.observe({ vehicleId: 'V1', ts: t, lat, lon, work: { active: true }, receivedAt: t, late: false });
  }
});
afterAll(() => svc.stop());

describe('route compliance REST API', () => {
  it('GET /api/plans/:id/coverage: assigned segments as GeoJSON, covered or missed, in the open window', async () => {
    const res = await app.request('/api/plans/p1/coverage');
    expect(res.status).toBe(200);
    const fc = (await res.json()) as {
      type: string;
      properties: { windows: string[] };
      features: { properties: { street: string; status: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.properties.windows).toEqual(['2026-03-02#0']);
    expect(fc.features).toHaveLength(12);
    const covered = fc.features.filter((f) => f.properties.status === 'covered').map((f) => f.properties.street);
    expect(covered.length).toBeGreaterThanOrEqual(5);
    expect(new Set(covered)).toEqual(new Set(['Row 1']));
    expect((await app.request('/api/plans/nope/coverage')).status).toBe(404);
  });

  it('GET /api/reports/compliance as JSON (per vehicle and per contractor), CSV, after the window ends', async () => {
    clock.set(T + 2 * 3_600_000 + 60_000);
    svc.tick();
    const res = await app.request('/api/reports/compliance?date=2026-03-02');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      vehicles: { vehicleId: string; coverage: number | null }[];
      contractors: { contractor: string; vehicles: number; coverage: number }[];
    };
    expect(body.vehicles.map((v) => v.vehicleId)).toEqual(['V1', 'V2']);
    expect(body.vehicles[0]!.coverage).toBeGreaterThan(0.45);
    expect(body.vehicles[1]!.coverage).toBe(0);
    expect(body.contractors).toEqual([expect.objectContaining({ contractor: 'Clean Co', vehicles: 2 })]);
    const csv = await (await app.request('/api/reports/compliance?from=2026-03-01&to=2026-03-02&format=csv')).text();
    const [head, ...rows] = csv.trim().split('\n');
    expect(head).toMatch(
      /^day,vehicle,contractor,plan,distance_km,working_km,working_h,in_band_share,coverage,mean_passes,windows,/,
    );
    expect(head).toMatch(/,coverage,mean_passes,windows,violations,off-route/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^2026-03-02,V1,Clean Co,p1,/);
    expect((await (await app.request('/api/reports/compliance?date=2026-03-03')).json()) as unknown).toEqual({
      vehicles: [],
      contractors: [],
    });
  });

  it('GET /api/route/violations lists open and recently closed violations', async () => {
    const recent = (await (await app.request('/api/route/violations?state=recent')).json()) as {
      violations: { kind: string }[];
    };
    expect(recent.violations.map((v) => v.kind)).toContain('incomplete-coverage');
  });

  it('bad input is a 400 naming the field', async () => {
    const res = await app.request('/api/reports/compliance?date=yesterday');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/query\.date/);
    const both = await app.request('/api/reports/compliance?date=2026-03-02&from=2026-03-01');
    expect(both.status).toBe(400);
    expect((await app.request('/api/plans/p1/coverage?window=yesterday')).status).toBe(400);
  });
});
