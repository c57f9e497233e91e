import { Hono } from 'hono';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorHandler } from '../kernel/http/error-handler.ts';
import { ManualClock } from '../kernel/clock.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import type { ApiEnv, Case, Role } from '../kernel/types/index.ts';
import { hit, startCases, type Harness, useBackend } from './fixture.ts';
import { casesRoutes } from './routes.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

let h: Harness;
let app: Hono<ApiEnv>;
const clock = new ManualClock(Date.parse('2026-11-23T09:00:00+08:00'));
const USERS: Record<string, { role: Role; unit?: string }> = {
  admin: { role: 'admin' },
  op: { role: 'operator' },
  'h-sq': { role: 'handler', unit: 'squad' },
  'h-san': { role: 'handler', unit: 'sanitation' },
  reg: { role: 'regulator' },
};

beforeEach(async () => {
  h = await startCases(tempDir('gw-routes-'), clock);
  app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.use('*', async (c, next) => {
    const name = c.req.header('x-user');
    if (name) c.set('user', { username: name, ...USERS[name]! });
    await next();
  });
  app.route('/', casesRoutes(h.module));
  h.bus.emit('hit', { phase: 'start', hit: hit('a') }); // 05-04 → squad, dispatched
  h.bus.emit('hit', {
    phase: 'start',
    hit: hit('b', { rule: 'litter', category: '01-02', cameraId: 'cam-2', zoneId: 'z-litter' }),
  }); // → sanitation
  h.bus.emit('hit', {
    phase: 'start',
    hit: hit('c', { category: '05-01', zoneId: 'z-c', location: { lat: 34.02, lon: 118.02 } }),
  }); // reported
});
afterEach(async () => h.stop());

const call = (user: string | undefined, method: string, url: string, body?: unknown): Promise<Response> =>
  Promise.resolve(
    app.request(url, {
      method,
      headers: {
        ...(user ? { 'x-user': user } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
const json = async <T = Record<string, unknown>>(r: Response | Promise<Response>): Promise<T> =>
  (await r).json() as Promise<T>;
const ids = { a: '2026112300001', b: '2026112300002', c: '2026112300003' };

describeBackends('GET /api/cases', (_open, ctx) => {
  useBackend(ctx);

  it('lists newest first with filters and pagination', async () => {
    const all = await json<{ items: Case[]; total: number }>(call('op', 'GET', '/api/cases'));
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.id)).toEqual([ids.c, ids.b, ids.a]);
    const p2 = await json<{ items: Case[]; total: number; page: number }>(
      call('op', 'GET', '/api/cases?pageSize=2&page=2'),
    );
    expect([p2.total, p2.page, p2.items.map((c) => c.id)]).toEqual([3, 2, [ids.a]]);
    const f = (q: string): Promise<string[]> =>
      json<{ items: Case[] }>(call('op', 'GET', `/api/cases?${q}`)).then((r) => r.items.map((c) => c.id));
    expect(await f('status=dispatched')).toEqual([ids.b, ids.a]);
    expect(await f('status=reported,closed')).toEqual([ids.c]);
    expect(await f('category=05-*')).toEqual([ids.c, ids.a]);
    expect(await f('unit=sanitation')).toEqual([ids.b]);
    expect(await f('grid=320302001034')).toEqual([ids.b]);
    expect(await f('overdue=true')).toEqual([]);
    clock.advance(3 * 3_600_000); // 12:00: a (2 working hours, due 11:00) is overdue, b (4 h) is not
    expect(await f('overdue=true')).toEqual([ids.a]);
    clock.set(Date.parse('2026-11-23T09:00:00+08:00'));
  });

  it('shows a handler only their unit, whatever they ask for', async () => {
    const r = await json<{ items: Case[] }>(call('h-san', 'GET', '/api/cases?unit=squad'));
    expect(r.items.map((c) => c.id)).toEqual([ids.b]);
  });

  it('answers bad filters with 400 naming the field', async () => {
    const res = await call('op', 'GET', '/api/cases?status=open&pageSize=500');
    expect(res.status).toBe(400);
    const body = await json<{ error: string; message: string; issues: { field: string }[] }>(res);
    expect(body.error).toBe('bad_request');
    expect(body.issues.map((i) => i.field)).toEqual(['query.status', 'query.pageSize']);
    expect(body.message).toMatch(/unknown status open/);
  });

  it('refuses a request without a user', async () => {
    expect((await call(undefined, 'GET', '/api/cases')).status).toBe(401);
  });
});

describeBackends('case detail and transitions', (_open, ctx) => {
  useBackend(ctx);

  it('shows the timeline and the actions the user may take', async () => {
    const d = await json<{ case: Case; timeline: { action: string }[]; actions: { action: string }[] }>(
      call('h-sq', 'GET', `/api/cases/${ids.a}`),
    );
    expect(d.case.id).toBe(ids.a);
    expect(d.timeline.map((e) => e.action)).toEqual(['created', 'register', 'dispatch']);
    expect(d.actions.map((a) => a.action)).toEqual(['accept', 'return', 'request-extension']);
    expect((await call('h-san', 'GET', `/api/cases/${ids.a}`)).status).toBe(404); // another unit's case
    expect((await call('op', 'GET', '/api/cases/nope')).status).toBe(404);
  });

  it('runs the loop over HTTP, the state machine deciding each step', async () => {
    const act = (user: string, action: string, body: unknown = {}): Promise<Response> =>
      call(user, 'POST', `/api/cases/${ids.a}/actions/${action}`, body);
    expect((await act('reg', 'accept')).status).toBe(403);
    expect((await act('h-san', 'accept')).status).toBe(404);
    expect((await act('op', 'verify')).status).toBe(409);
    expect((await act('h-sq', 'accept')).status).toBe(200);
    const noReason = await act('h-sq', 'handle');
    expect(noReason.status).toBe(400);
    expect(await json(noReason)).toMatchObject({ error: 'bad_request', field: 'body.reason' });
    const handled = await json<{ case: Case }>(act('h-sq', 'handle', { reason: '摊位已劝离' }));
    expect(handled.case.status).toBe('handled');
    expect((await json<{ case: Case }>(act('op', 'verify', { reason: '核查通过' }))).case.status).toBe('closed');
    expect((await json<{ case: Case }>(act('reg', 'evaluate', { score: 5 }))).case.evaluation?.score).toBe(5);
    const tl = (
      await json<{ timeline: { action: string; actor: string }[] }>(call('admin', 'GET', `/api/cases/${ids.a}`))
    ).timeline;
    expect(tl.slice(3).map((e) => `${e.action}:${e.actor}`)).toEqual([
      'accept:h-sq',
      'handle:h-sq',
      'verify:op',
      'evaluate:reg',
    ]);
  });

  it('催办 by an operator, 督办 by an admin only (with a reason); the case is flagged and counted', async () => {
    const act = (user: string, action: string, body: unknown = {}): Promise<Response> =>
      call(user, 'POST', `/api/cases/${ids.a}/actions/${action}`, body);
    const names = async (user: string): Promise<string[]> =>
      (await json<{ actions: { action: string }[] }>(call(user, 'GET', `/api/cases/${ids.a}`))).actions.map(
        (a) => a.action,
      );
    expect(await names('op')).toContain('urge');
    expect(await names('op')).not.toContain('escalate');
    expect(await names('admin')).toEqual(expect.arrayContaining(['urge', 'escalate']));
    expect((await act('h-sq', 'urge')).status).toBe(403);
    expect((await act('reg', 'urge')).status).toBe(403);
    expect((await act('op', 'urge', { reason: '请尽快处置' })).status).toBe(200);
    expect((await act('op', 'escalate', { reason: '超期' })).status).toBe(403);
    expect((await act('h-sq', 'escalate', { reason: '超期' })).status).toBe(403);
    expect(await json(act('admin', 'escalate'))).toMatchObject({ error: 'bad_request', field: 'body.reason' });
    const done = await json<{ case: Case; actions: { action: string }[] }>(
      act('admin', 'escalate', { reason: '超期' }),
    );
    expect(done.case).toMatchObject({ status: 'dispatched', supervised: { by: 'admin', reason: '超期' } });
    expect(done.actions.map((a) => a.action)).not.toContain('escalate');
    expect((await act('admin', 'escalate', { reason: 'again' })).status).toBe(409);
    expect((await act('admin', 'urge')).status).toBe(200);
    expect((await call('op', 'POST', `/api/cases/${ids.c}/actions/urge`, {})).status).toBe(409); // not with a unit
    const kpi = await json<{ total: { supervised: number } }>(
      call('admin', 'GET', '/api/cases/kpi?from=2026-11-23T00:00:00%2B08:00&to=2026-11-24T00:00:00%2B08:00'),
    );
    expect(kpi.total.supervised).toBe(1);
  });

  it('validates the action name and body', async () => {
    expect((await call('op', 'POST', `/api/cases/${ids.a}/actions/fly`, {})).status).toBe(400);
    const r = await call('op', 'POST', `/api/cases/${ids.c}/actions/reject`, { reason: 'x', colour: 'red' });
    expect(r.status).toBe(400);
    expect(await json(r)).toMatchObject({ field: 'body' });
  });

  it('creates a manual case (inspector) and refuses an incomplete one naming the field', async () => {
    const ok = await call('op', 'POST', '/api/cases', {
      category: '05-01',
      description: '游商',
      lat: 34.0012,
      lon: 118.0021,
    });
    expect(ok.status).toBe(201);
    expect((await json<{ case: Case }>(ok)).case).toMatchObject({
      source: 'inspector',
      status: 'reported',
      unitId: 'squad',
      gridCell: '320302001002002',
    });
    const bad = await call('op', 'POST', '/api/cases', { category: '05-01', description: '游商' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ field: 'body.address' });
    const unknown = await call('op', 'POST', '/api/cases', { category: '09-09', description: '?', address: '解放路' });
    expect(unknown.status).toBe(400);
    expect((await json<{ message: string }>(unknown)).message).toMatch(/unknown category "09-09"/);
  });
});

describeBackends('evidence', (_open, ctx) => {
  useBackend(ctx);

  it('uploads a feedback photo and serves it back only to users who may see the case', async () => {
    const jpg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 60 } } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.set('photo', new File([jpg], 'after.jpg', { type: 'image/jpeg' }));
    form.set('note', '处置后照片');
    const up = await app.request(`/api/cases/${ids.a}/photos`, {
      method: 'POST',
      body: form,
      headers: { 'x-user': 'h-sq' },
    });
    expect(up.status).toBe(201);
    const { index } = (await up.json()) as { index: number };
    expect(index).toBe(1);
    const got = await call('h-sq', 'GET', `/api/cases/${ids.a}/evidence/${index}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(jpg)).toBe(true);
    expect((await call('h-san', 'GET', `/api/cases/${ids.a}/evidence/${index}`)).status).toBe(404);
    // the hit's file is not on disk here
    expect((await call('op', 'GET', `/api/cases/${ids.a}/evidence/0`)).status).toBe(404);
    expect((await call('op', 'GET', `/api/cases/${ids.a}/evidence/9`)).status).toBe(404);
    const bad = new FormData();
    bad.set('photo', new File(['hello'], 'x.txt', { type: 'text/plain' }));
    const r = await app.request(`/api/cases/${ids.a}/photos`, {
      method: 'POST',
      body: bad,
      headers: { 'x-user': 'h-sq' },
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'body.photo' });
  });
});

describeBackends('GET /api/cases/kpi', (_open, ctx) => {
  useBackend(ctx);

  it('answers JSON and CSV for a period', async () => {
    const q = 'from=2026-11-23T00:00:00%2B08:00&to=2026-11-24T00:00:00%2B08:00';
    const r = await json<{ total: { registered: number; due: number } }>(call('reg', 'GET', `/api/cases/kpi?${q}`));
    expect(r.total).toMatchObject({ registered: 2, due: 2 }); // c (05-01) is not registered
    const csv = await call('reg', 'GET', `/api/cases/kpi?${q}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^total,total,2,0,0,2,/);
    expect((await call('reg', 'GET', '/api/cases/kpi?from=2026-11-24&to=2026-11-23')).status).toBe(400);
  });
});
