import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../kernel/http/error-handler.ts';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig } from '../kernel/testing.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { telemetryRoutes } from './routes.ts';
import type { VehicleSummary } from './summary.ts';
import { TelemetryService } from './service.ts';
import { FLEET, fixPayload } from './testing/fleet.ts';

let svc: TelemetryService;
let api: Hono<ApiEnv>;
const t0 = Date.now() - 600_000;

beforeEach(async () => {
  const { config, baseDir } = testConfig({ vehicles: FLEET });
  const log = silentLogger();
  const ctx: AppContext = {
    config,
    baseDir,
    dataDir: config.dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
    startedAt: Date.now(),
  };
  svc = new TelemetryService(ctx);
  await svc.start();
  api = new Hono<ApiEnv>();
  api.onError(errorHandler({ log, locale: 'en' }));
  api.use('*', async (c, next) => {
    c.set('user', { username: 'reg', role: 'regulator' });
    await next();
  });
  api.route('/', telemetryRoutes(svc));
  const send = (id: string, payload: string) =>
    new Promise<void>((resolve) =>
      svc.ingest(
        { topic: `gridwatch/vehicles/${id}/position`, payload: Buffer.from(payload), receivedAt: Date.now() },
        () => resolve(),
      ),
    );
  for (let i = 0; i < 10; i++) await send('S-4', fixPayload(t0 + i * 10_000, i));
  await send('S-4', '{"ts":1,"lat":"x"}');
  await send('S-12', fixPayload(t0, 0, { lat: 95 }));
  await svc.idle();
});
afterEach(() => svc.stop());

describe('GET /api/vehicles', () => {
  it('lists every configured vehicle with last position, online state and validation counts', async () => {
    const res = await api.request('/api/vehicles');
    expect(res.status).toBe(200);
    const { vehicles } = (await res.json()) as { vehicles: VehicleSummary[] };
    expect(vehicles.map((v) => v.id)).toEqual(['S-4', 'S-12', 'P-1']);
    const s4 = vehicles[0]!;
    expect(s4).toMatchObject({
      type: 'sweeper',
      online: true,
      statusReason: 'position received',
      position: { ts: t0 + 90_000 },
    });
    expect(s4.counts).toEqual({ accepted: 10, late: 0, duplicates: 0, rejected: { bad_coordinates: 1 } });
    expect(vehicles[1]).toMatchObject({
      online: false,
      position: null,
      counts: { accepted: 0, rejected: { bad_coordinates: 1 } },
    });
  });
});

describe('GET /api/vehicles/:id/track', () => {
  it('returns the fixes between from and to (ISO or epoch ms), in ts order, with truncation flagged', async () => {
    const from = new Date(t0 + 20_000).toISOString();
    const res = await api.request(`/api/vehicles/S-4/track?from=${encodeURIComponent(from)}&to=${t0 + 50_000}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { points: { ts: number }[]; truncated: boolean; from: number; to: number };
    expect(body.points.map((p) => (p.ts - t0) / 1000)).toEqual([20, 30, 40, 50]);
    expect(body).toMatchObject({ from: t0 + 20_000, to: t0 + 50_000, truncated: false });
    const limited = (await (
      await api.request(`/api/vehicles/S-4/track?from=${t0}&to=${t0 + 90_000}&limit=3`)
    ).json()) as typeof body;
    expect(limited.points).toHaveLength(3);
    expect(limited.truncated).toBe(true);
  });

  it.each([
    ['?from=yesterday', 'from'],
    [`?from=${t0 + 1000}&to=${t0}`, 'from'],
    [`?from=${t0 - 8 * 86_400_000}&to=${t0}`, 'to'],
    ['?limit=0', 'limit'],
    ['?colour=red', ''],
  ])('bad query %s → 400 naming the field', async (q, field) => {
    const res = await api.request(`/api/vehicles/S-4/track${q}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field?: string };
    expect(body.error).toBe('bad_request');
    if (field) expect(body.field).toContain(field);
  });

  it('an unknown vehicle is 404', async () => {
    const res = await api.request('/api/vehicles/NOPE/track');
    expect(res.status).toBe(404);
  });
});
