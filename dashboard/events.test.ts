/**
 * The live feed over real HTTP: server-sent events per role, in order, thinned positions, a handler's own unit only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../bench/dashboard/sse-client.ts';
import type { App } from '../app.ts';
import type { Case, Hit } from '../kernel/types/index.ts';
import { waitFor } from '../kernel/testing.ts';
import { login, startDashboardApp, TEST_CASES_CONFIG, type Client } from './testing.ts';

interface Sse {
  readonly events: { event: string; data: unknown }[];
  close(): void;
}

async function listen(c: Client, query = ''): Promise<Sse> {
  const ctrl = new AbortController();
  const res = await c.fetch(`/api/events${query}`, { signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: { event: string; data: unknown }[] = [];
  readSse(res.body!, (event, data) => {
    if (data) events.push({ event, data: JSON.parse(data) });
  });
  await waitFor(() => events.some((e) => e.event === 'ready'));
  return { events, close: () => ctrl.abort() };
}

const hit: Hit = {
  id: 'h1',
  rule: 'vending',
  category: '05-04',
  cameraId: 'cam-1',
  zoneId: 'z',
  start: 1,
  lastSeen: 1,
  repeat: 1,
  region: { x1: 0, y1: 0, x2: 1, y2: 1 },
  boxes: [],
  evidence: [],
};
const kase = (id: string, unitId: string): Case => ({
  id,
  source: 'camera',
  category: '05-04',
  status: 'dispatched',
  unitId,
  description: '',
  evidence: [],
  createdAt: 1,
  updatedAt: 1,
  sourceRefs: [],
});

let app: App;
beforeAll(async () => {
  // No automatic cases: the case events below are the only ones.
  app = await startDashboardApp({ cases: { ...TEST_CASES_CONFIG, auto: false } });
});
afterAll(async () => app?.stop());

describe('GET /api/events', () => {
  it('streams each role what it may see, as it happens', async () => {
    const [op, handler, regulator] = await Promise.all([
      login(app.url(), 'operator'),
      login(app.url(), 'handler'),
      login(app.url(), 'regulator'),
    ]);
    const [opFeed, hFeed, rFeed] = await Promise.all([listen(op), listen(handler), listen(regulator)]);
    const { bus } = app.ctx;
    bus.emit('hit', { phase: 'start', hit });
    bus.emit('case', { type: 'created', case: kase('C-1', 'squad') });
    bus.emit('case', { type: 'created', case: kase('C-2', 'sanitation') });
    bus.emit('camera.status', { cameraId: 'cam-1', state: 'offline', fps: 0, restarts: 1, ts: 5 });
    await waitFor(
      () =>
        opFeed.events.filter((e) => e.event === 'alert').length >= 2 &&
        rFeed.events.some((e) => e.event === 'camera.status'),
    );
    await waitFor(() => hFeed.events.filter((e) => e.event === 'case').length >= 1);

    const names = (s: Sse): string[] => s.events.map((e) => e.event).filter((e) => e !== 'ready');
    expect(names(opFeed)).toEqual(['hit', 'alert', 'case', 'case', 'camera.status', 'alert']);
    expect(opFeed.events.find((e) => e.event === 'alert')!.data).toMatchObject({
      isNew: true,
      alert: { id: 'hit:h1', kind: 'hit' },
    });
    expect(names(rFeed)).toEqual(['case', 'case', 'camera.status']);
    expect(hFeed.events.filter((e) => e.event === 'case').map((e) => (e.data as { case: Case }).case.id)).toEqual([
      'C-1',
    ]);
    expect(names(hFeed)).toEqual(['case']);
    for (const f of [opFeed, hFeed, rFeed]) f.close();
  });

  it('passes one position per vehicle per second and only the topics asked for', async () => {
    const op = await login(app.url(), 'operator');
    const feed = await listen(op, '?topics=vehicle.position');
    const pos = (vehicleId: string, ts: number) => ({ vehicleId, ts, lat: 40, lon: -74, receivedAt: ts, late: false });
    for (const ts of [10_000, 10_300, 10_900, 11_000, 11_500, 12_100])
      app.ctx.bus.emit('vehicle.position', pos('S-4', ts));
    app.ctx.bus.emit('vehicle.position', pos('S-12', 10_300));
    app.ctx.bus.emit('hit', { phase: 'start', hit: { ...hit, id: 'h2' } });
    await waitFor(() => feed.events.filter((e) => e.event === 'vehicle.position').length >= 4);
    await new Promise((r) => setTimeout(r, 100));
    const got = feed.events
      .filter((e) => e.event !== 'ready')
      .map((e) => `${(e.data as { vehicleId: string; ts: number }).vehicleId}@${(e.data as { ts: number }).ts}`);
    expect(got).toEqual(['S-4@10000', 'S-4@11000', 'S-4@12100', 'S-12@10300']);
    feed.close();
  });

  it('refuses a bad query with a localised 400', async () => {
    const op = await login(app.url(), 'operator', 'zh-CN');
    const res = await op.fetch('/api/events?bogus=1');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'bad_request',
      field: 'query',
      message: expect.stringContaining('不认识的字段'),
    });
  });
});
