import { Hono } from 'hono';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.ts';
import { errorHandler } from '../../kernel/http/error-handler.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { ApiEnv, Case } from '../../kernel/types/index.ts';
import { fixtureRaw, startCases, type Harness, useBackend } from '../fixture.ts';
import { casesRoutes } from '../routes.ts';
import { inspectorRoutes } from './routes.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';

let h: Harness;
let app: Hono<ApiEnv>;
const clock = new ManualClock(Date.parse('2026-11-23T09:00:00+08:00')); // Monday
/** Two places 300 m apart, in two regular-grid cells of the fixture city. */
const HERE = { lat: 34.0005, lon: 118.0005 };
const THERE = { lat: 34.0035, lon: 118.0005 };
let cellHere: string;
let cellThere: string;
let jpeg: Buffer;

beforeEach(async () => {
  const base = fixtureRaw('x') as { users: unknown[] };
  const dir = tempDir('gw-insp-');
  // the inspectors' cells are set after start (they are read from the catalog, never hard-coded)
  h = await startCases(dir, clock, {
    users: [
      ...base.users,
      { username: 'insp-a', role: 'inspector', password: 'insp-pass-1' },
      { username: 'insp-b', role: 'inspector', password: 'insp-pass-2' },
    ],
  });
  cellHere = h.module.service.catalog.locate(HERE)!;
  cellThere = h.module.service.catalog.locate(THERE)!;
  expect(cellHere).not.toBe(cellThere);
  h.module.users.set('insp-a', { cells: [cellHere] });
  h.module.users.set('insp-b', { cells: [cellThere] });
  app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.use('*', async (c, next) => {
    const name = c.req.header('x-user');
    const user = name ? h.module.users.get(name) : undefined;
    if (user) c.set('user', user);
    await next();
  });
  app.route('/', casesRoutes(h.module));
  app.route('/', inspectorRoutes(h.module));
  jpeg ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a6' } })
    .jpeg()
    .toBuffer();
});
afterEach(async () => h.stop());

type Fields = Record<string, string>;
function form(fields: Fields, photos: { data: Buffer; type: string }[] = []): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [i, p] of photos.entries())
    f.append('photo', new Blob([new Uint8Array(p.data)], { type: p.type }), `p${i}.jpg`);
  return f;
}
const post = (user: string, url: string, body: FormData) =>
  Promise.resolve(app.request(url, { method: 'POST', headers: { 'x-user': user }, body }));
const get = (user: string, url: string) => Promise.resolve(app.request(url, { headers: { 'x-user': user } }));
const report = (
  user: string,
  at: { lat: number; lon: number },
  extra: Fields = {},
  photos = [{ type: 'image/jpeg' }],
) =>
  post(
    user,
    '/api/inspector/reports',
    form(
      { category: '01-02', description: '垃圾桶满溢', lat: String(at.lat), lon: String(at.lon), ...extra },
      photos.map((p) => ({ data: jpeg, ...p })),
    ),
  );

describeBackends('an inspector reports a problem (上报)', (_open, ctx) => {
  useBackend(ctx);

  it('opens a reported case with source inspector, its grid cell and the photo', async () => {
    const res = await report('insp-a', HERE);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; merged: boolean };
    expect(body.merged).toBe(false);
    const c = h.module.service.get(body.id)!;
    expect(c).toMatchObject({ source: 'inspector', status: 'reported', category: '01-02', gridCell: cellHere });
    expect(c.evidence).toHaveLength(1);
    expect(c.evidence[0]).toMatchObject({ kind: 'photo', mime: 'image/jpeg' });
    expect(h.module.service.timeline(body.id)[0]).toMatchObject({
      action: 'created',
      actor: 'insp-a',
      role: 'inspector',
    });
  });

  it('is merged into an open case of the category nearby, like any source; far away opens another', async () => {
    const first = (await (await report('insp-a', HERE)).json()) as { id: string };
    const near = { lat: HERE.lat + 0.0001, lon: HERE.lon }; // 11 m
    const second = (await (await report('insp-b', near)).json()) as { id: string; merged: boolean };
    expect(second).toMatchObject({ id: first.id, merged: true });
    expect(h.module.service.get(first.id)!.evidence).toHaveLength(1); // the same photo is kept once
    const other = (await (await report('insp-a', near, { category: '05-01' })).json()) as { merged: boolean };
    expect(other.merged).toBe(false); // another category
    const far = (await (await report('insp-b', THERE)).json()) as { id: string; merged: boolean };
    expect(far.merged).toBe(false);
    expect(far.id).not.toBe(first.id);
  });

  it('sent twice with the same clientId (a flaky link) makes one case', async () => {
    const a = (await (await report('insp-a', HERE, { clientId: 'phone-7f3a-0001' })).json()) as { id: string };
    const again = await report('insp-a', HERE, { clientId: 'phone-7f3a-0001' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: a.id, repeated: true });
    expect(h.module.service.repo.stmt('SELECT count(*) FROM cases').pluck().get()).toBe(1);
  });

  it('refuses bad input naming the field, and keeps nothing', async () => {
    const issue = async (r: Response) => ((await r.json()) as { issues?: { field: string }[] }).issues?.[0]?.field;
    const text = Buffer.from('not an image at all');
    const forged = await post(
      'insp-a',
      '/api/inspector/reports',
      form({ category: '01-02', description: 'x', lat: '34', lon: '118' }, [{ data: text, type: 'image/jpeg' }]),
    );
    expect(forged.status).toBe(400);
    expect(await issue(forged)).toBe('body.photo[0]');
    const noLat = await post('insp-a', '/api/inspector/reports', form({ category: '01-02', description: 'x' }));
    expect(noLat.status).toBe(400);
    expect(await issue(noLat)).toBe('body.lat');
    const badCat = await report('insp-a', HERE, { category: '99-99' });
    expect(badCat.status).toBe(400);
    expect(await issue(badCat)).toBe('body.category');
    expect(h.module.service.repo.stmt('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});

/** A case in `at`'s cell, taken round to 处置反馈 by the unit, with a feedback photo. */
async function handledCase(at: { lat: number; lon: number }): Promise<Case> {
  const id = ((await (await report('insp-a', at)).json()) as { id: string }).id;
  const svc = h.module.service;
  const op = { id: 'op', role: 'operator' } as const;
  const unit = { id: 'h-san', role: 'handler', unit: 'sanitation' } as const;
  for (const [cmd, who] of [
    [{ action: 'register' }, op],
    [{ action: 'dispatch' }, op],
    [{ action: 'accept' }, unit],
  ] as const)
    expect(svc.act(id, cmd, who).ok).toBe(true);
  const after = await h.module.evidence.put(Buffer.concat([jpeg, Buffer.from('after')]), 'photo', 'image/jpeg', 0);
  svc.attach(id, { evidence: [after], note: 'feedback photo' }, unit);
  expect(svc.act(id, { action: 'handle', reason: '已清运' }, unit).ok).toBe(true);
  return svc.get(id)!;
}

describeBackends('核查 by an inspector, only in their own cells', (_open, ctx) => {
  useBackend(ctx);

  it('lists the handled cases of my cells with before/after photos; others see neither list nor case', async () => {
    const mine = await handledCase(HERE);
    const theirs = await handledCase(THERE);
    const tasks = (await (await get('insp-a', '/api/inspector/tasks')).json()) as {
      items: { case: Case; photos: { before: number[]; after: number[] } }[];
    };
    expect(tasks.items.map((t) => t.case.id)).toEqual([mine.id]);
    expect(tasks.items[0]!.photos).toMatchObject({ before: [0], after: [1] });
    const list = (await (await get('insp-a', '/api/cases')).json()) as { items: Case[] };
    expect(list.items.map((c) => c.id)).toEqual([mine.id]);
    expect((await get('insp-a', `/api/cases/${theirs.id}`)).status).toBe(404);
    expect((await get('insp-a', `/api/inspector/tasks/${theirs.id}`)).status).toBe(404);
    expect((await get('insp-a', `/api/cases/${theirs.id}/evidence/0`)).status).toBe(404);
    const check = form({ decision: 'verify', reason: '已清理' }, [{ data: jpeg, type: 'image/jpeg' }]);
    expect((await post('insp-a', `/api/inspector/tasks/${theirs.id}/check`, check)).status).toBe(404);
    // through the generic action route too: 404 (not told it exists), and the machine alone says 403
    const act = await app.request(`/api/cases/${theirs.id}/actions/verify`, {
      method: 'POST',
      headers: { 'x-user': 'insp-a', 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'x' }),
    });
    expect(act.status).toBe(404);
    const direct = h.module.service.act(
      theirs.id,
      { action: 'verify', reason: 'x' },
      {
        id: 'insp-a',
        role: 'inspector',
        cells: [cellHere],
      },
    );
    expect(direct).toMatchObject({ ok: false, code: 'forbidden' });
    expect(h.module.service.get(theirs.id)!.status).toBe('handled');
  });

  it('核查结案 with an on-site photo closes the case; 返工 sends another back to the unit', async () => {
    const one = await handledCase(HERE);
    const two = await handledCase({ lat: HERE.lat, lon: HERE.lon + 0.0004 }); // 37 m east, same cell
    expect(two.gridCell).toBe(cellHere);
    const site = Buffer.concat([jpeg, Buffer.from('site')]);
    const ok = await post(
      'insp-a',
      `/api/inspector/tasks/${one.id}/check`,
      form({ decision: 'verify', reason: '现场已清理干净' }, [{ data: site, type: 'image/jpeg' }]),
    );
    expect(ok.status).toBe(200);
    const closed = h.module.service.get(one.id)!;
    expect(closed.status).toBe('closed');
    const detail = (await (await get('insp-a', `/api/inspector/tasks/${one.id}`)).json()) as {
      photos: { before: number[]; after: number[]; checks: number[] };
    };
    expect(detail.photos).toEqual({ before: [0], after: [1], checks: [2] });
    const back = await post(
      'insp-a',
      `/api/inspector/tasks/${two.id}/check`,
      form({ decision: 'rework', reason: '仍有垃圾' }, [{ data: site, type: 'image/jpeg' }]),
    );
    expect(back.status).toBe(200);
    expect(h.module.service.get(two.id)).toMatchObject({ status: 'handling', reworkCount: 1 });
    const last = h.module.service.timeline(two.id).at(-1)!;
    expect(last).toMatchObject({ action: 'rework', actor: 'insp-a', role: 'inspector', reason: '仍有垃圾' });
  });

  it('sent again with the same Idempotency-Key (a lost answer) is replayed, not done twice', async () => {
    const c = await handledCase(HERE);
    const send = () =>
      app.request(`/api/inspector/tasks/${c.id}/check`, {
        method: 'POST',
        headers: { 'x-user': 'insp-a', 'Idempotency-Key': 'check-7f3a-0001' },
        body: form({ decision: 'rework', reason: '仍有垃圾' }, [{ data: jpeg, type: 'image/jpeg' }]),
      });
    const first = await send();
    expect(first.status).toBe(200);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(h.module.service.get(c.id)).toMatchObject({ status: 'handling', reworkCount: 1 });
    expect(h.module.service.timeline(c.id).filter((e) => e.action === 'rework')).toHaveLength(1);
  });

  it('needs a photo and a reason; a case not waiting for 核查 is a conflict with nothing attached', async () => {
    const c = await handledCase(HERE);
    const noPhoto = await post(
      'insp-a',
      `/api/inspector/tasks/${c.id}/check`,
      form({ decision: 'verify', reason: 'ok' }),
    );
    expect(noPhoto.status).toBe(400);
    const noReason = await post(
      'insp-a',
      `/api/inspector/tasks/${c.id}/check`,
      form({ decision: 'verify' }, [{ data: jpeg, type: 'image/jpeg' }]),
    );
    expect(noReason.status).toBe(400);
    const site = { data: Buffer.concat([jpeg, Buffer.from('2')]), type: 'image/jpeg' };
    const verify = form({ decision: 'verify', reason: 'ok' }, [site]);
    expect((await post('insp-a', `/api/inspector/tasks/${c.id}/check`, verify)).status).toBe(200);
    const n = h.module.service.get(c.id)!.evidence.length;
    const again = form({ decision: 'rework', reason: 'no' }, [
      { data: Buffer.concat([jpeg, Buffer.from('3')]), type: 'image/jpeg' },
    ]);
    expect((await post('insp-a', `/api/inspector/tasks/${c.id}/check`, again)).status).toBe(409);
    expect(h.module.service.get(c.id)!.evidence.length).toBe(n); // rolled back with the refused action
  });
});
