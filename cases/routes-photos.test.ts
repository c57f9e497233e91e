/**
 * Bad input on the phone's writes (issue 17 item 5), over HTTP against the cases routes: photos that are not images,
 * too large (configured limit), with a forged type; the same photo twice stored once; a write on a case that changed
 * since the client saw it → 409 with the current state; Idempotency-Key replays (nothing happens twice).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { errorHandler } from '../kernel/http/error-handler.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import type { ApiEnv, Case, Role } from '../kernel/types/index.ts';
import { hit, startCases, type Harness, useBackend } from './fixture.ts';
import { casesRoutes } from './routes.ts';

let h: Harness;
let app: Hono<ApiEnv>;
const clock = new ManualClock(Date.parse('2026-11-23T09:00:00+08:00'));
const USERS: Record<string, { role: Role; unit?: string }> = {
  op: { role: 'operator' },
  'h-sq': { role: 'handler', unit: 'squad' },
};
const ID = '2026112300001';

beforeEach(async () => {
  h = await startCases(tempDir('gw-photos-'), clock, { cases: { limits: { photoMaxMb: 0.5 } } });
  app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.use('*', async (c, next) => {
    const name = c.req.header('x-user');
    if (name) c.set('user', { username: name, ...USERS[name]! });
    await next();
  });
  app.route('/', casesRoutes(h.module));
  h.bus.emit('hit', { phase: 'start', hit: hit('a') }); // 05-04 → squad, dispatched
});
afterEach(async () => h.stop());

const jpeg = (shade = 60): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 140, b: 60 } } })
    .jpeg()
    .toBuffer();

function upload(data: Buffer | string, type: string, fields: Record<string, string> = {}, key?: string) {
  const form = new FormData();
  form.set('photo', new File([data], 'p.jpg', { type }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return Promise.resolve(
    app.request(`/api/cases/${ID}/photos`, {
      method: 'POST',
      body: form,
      headers: { 'x-user': 'h-sq', 'Accept-Language': 'en', ...(key ? { 'Idempotency-Key': key } : {}) },
    }),
  );
}
function act(action: string, body: Record<string, unknown>, key?: string) {
  return Promise.resolve(
    app.request(`/api/cases/${ID}/actions/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'x-user': 'h-sq',
        'content-type': 'application/json',
        'Accept-Language': 'en',
        ...(key ? { 'Idempotency-Key': key } : {}),
      },
    }),
  );
}
const get = (): Case => h.module.service.get(ID)!;
const photos = (): number => get().evidence.filter((e) => e.kind === 'photo').length;
const events = (action: string): number => h.module.service.timeline(ID).filter((e) => e.action === action).length;

describe('feedback photo upload refuses bad input, naming the problem', () => {
  it('not an image', async () => {
    const r = await upload('just some text', 'image/jpeg');
    expect(r.status).toBe(400);
    const body = (await r.json()) as { field: string; message: string };
    expect(body.field).toBe('body.photo');
    expect(body.message).toContain('not an image');
    expect(body.message).toContain('declared "image/jpeg"');
    expect(photos()).toBe(0);
  });
  it('forged content type (PNG bytes sent as image/jpeg)', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const r = await upload(png, 'image/jpeg');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toContain('the bytes are image/png');
    expect(photos()).toBe(0);
  });
  it('larger than cases.limits.photoMaxMb (0.5 MB here)', async () => {
    const big = await sharp(randomBytes(800 * 600 * 3), { raw: { width: 800, height: 600, channels: 3 } })
      .jpeg({ quality: 100 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(0.5 * 1024 * 1024);
    const r = await upload(big, 'image/jpeg');
    expect(r.status).toBe(413);
    const body = (await r.json()) as { error: string; issues: { message: string }[] };
    expect(body.error).toBe('too_large');
    expect(body.issues[0]!.message).toMatch(/the photo is 0\.\d MB, more than the limit of 0\.5 MB/);
    expect(photos()).toBe(0);
  });
});

describe('a duplicate photo (same sha256) is stored once', () => {
  it('answers 200 with the photo already attached, adds no evidence and no timeline row', async () => {
    const jpg = await jpeg();
    const first = await upload(jpg, 'image/jpeg', { takenAt: '1795400000000', lat: '22.72', lon: '114.24' });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { index: number; duplicate: boolean; evidence: { position: unknown } };
    expect(a.duplicate).toBe(false);
    expect(a.evidence.position).toEqual({ lat: 22.72, lon: 114.24 });
    expect(get().evidence[a.index]).toMatchObject({ takenAt: 1795400000000, position: { lat: 22.72, lon: 114.24 } });
    const attached = events('attached');
    const again = await upload(jpg, 'image/jpeg');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ index: a.index, duplicate: true });
    expect(photos()).toBe(1);
    expect(events('attached')).toBe(attached);
    expect((await upload(await jpeg(200), 'image/jpeg')).status).toBe(201);
    expect(photos()).toBe(2);
  });
  it('refuses half a position', async () => {
    const r = await upload(await jpeg(), 'image/jpeg', { lat: '22.7' });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'body.lat' });
  });
});

describe('a write on a case that changed meanwhile', () => {
  it('is a 409 naming what happened, with the current case, timeline and actions', async () => {
    const seen = get().updatedAt;
    clock.advance(60_000);
    expect(h.module.service.act(ID, { action: 'urge', reason: '请尽快' }, { id: 'op', role: 'operator' }).ok).toBe(
      true,
    );
    const r = await act('accept', { seen });
    expect(r.status).toBe(409);
    const body = (await r.json()) as {
      error: string;
      message: string;
      current: { case: Case; actions: { action: string }[]; timeline: { action: string }[] };
    };
    expect(body.error).toBe('conflict');
    expect(body.message).toMatch(/changed since you opened it \(by op at .*\); it is now dispatched/);
    expect(body.current.case.updatedAt).toBe(get().updatedAt);
    expect(body.current.timeline.at(-1)!.action).toBe('urge');
    expect(body.current.actions.map((a) => a.action)).toContain('accept');
    expect(get().status).toBe('dispatched');
    // the photo upload checks it too
    const p = await upload(await jpeg(), 'image/jpeg', { seen: String(seen) });
    expect(p.status).toBe(409);
    expect(photos()).toBe(0);
    // with the state it now sees, it goes through
    expect((await act('accept', { seen: body.current.case.updatedAt })).status).toBe(200);
    expect(get().status).toBe('handling');
  });
});

describeBackends('Idempotency-Key', (_open, ctx) => {
  useBackend(ctx);

  it('replays the first answer: a retried feedback is applied once', async () => {
    expect((await act('accept', {})).status).toBe(200);
    const first = await act('handle', { reason: '已清理' }, 'fb-0001-handle');
    expect(first.status).toBe(200);
    const again = await act('handle', { reason: '已清理' }, 'fb-0001-handle');
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(events('handle')).toBe(1);
    // the key on another route is refused; a malformed key names the header
    const other = await upload(await jpeg(), 'image/jpeg', {}, 'fb-0001-handle');
    expect(other.status).toBe(409);
    const bad = await act('handle', { reason: 'x' }, 'bad key!');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'header.Idempotency-Key' });
  });
  it('keeps no refusal: fixing the input and retrying with the same key works', async () => {
    expect((await act('return', {}, 'ret-000001')).status).toBe(400); // reason missing
    expect((await act('return', { reason: '非本单位职责' }, 'ret-000001')).status).toBe(200);
    expect(get().status).toBe('registered');
  });
  it('replays a photo upload without a second timeline row', async () => {
    const jpg = await jpeg(30);
    expect((await upload(jpg, 'image/jpeg', {}, 'fb-0002-p0')).status).toBe(201);
    const again = await upload(jpg, 'image/jpeg', {}, 'fb-0002-p0');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(photos()).toBe(1);
  });
});
