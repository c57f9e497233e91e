import { Hono } from 'hono';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorHandler } from '../../kernel/http/error-handler.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { ApiEnv, Case, Role, SuppressionMask } from '../../kernel/types/index.ts';
import { hit, startCases, type Harness, useBackend } from '../fixture.ts';
import { verdictRoutes } from './routes.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';

let h: Harness;
let app: Hono<ApiEnv>;
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const clock = new ManualClock(T0);
const USERS: Record<string, { role: Role; unit?: string }> = { op: { role: 'operator' }, reg: { role: 'regulator' } };

beforeEach(async () => {
  h = await startCases(tempDir('gw-vroutes-'), clock);
  app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.use('*', async (c, next) => {
    const name = c.req.header('x-user');
    if (name) c.set('user', { username: name, ...USERS[name]! });
    await next();
  });
  app.route('/', verdictRoutes(h.module));
  h.bus.emit('hit', { phase: 'start', hit: hit('a', { start: T0 }) });
});
afterEach(async () => h.stop());

const call = (method: string, url: string, body?: unknown): Promise<Response> =>
  Promise.resolve(
    app.request(url, {
      method,
      headers: { 'x-user': 'op', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );

describeBackends('verdict routes', (_open, ctx) => {
  useBackend(ctx);

  it('a false alarm over HTTP: the case is 作废, the mask listed, then lifted; hits and stats show it', async () => {
    const r = await call('POST', '/api/hits/a/verdict', { verdict: 'false', reason: 'wrong-object', note: '影子' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { case: Case; masks: SuppressionMask[] };
    expect(body.case.status).toBe('cancelled');
    const list = (await (await call('GET', '/api/suppressions?camera=cam-1')).json()) as { masks: SuppressionMask[] };
    expect(list.masks.map((m) => m.id)).toEqual([body.masks[0]!.id]);
    h.bus.emit('hit', {
      phase: 'start',
      hit: hit('b', { start: T0 + 1, suppressed: { maskId: body.masks[0]!.id, until: T0 + 1e9 } }),
    });
    const sup = (await (await call('GET', '/api/hits?suppressed=true')).json()) as { items: { hit: { id: string } }[] };
    expect(sup.items.map((i) => i.hit.id)).toEqual(['b']);
    const all = (await (await call('GET', '/api/hits?camera=cam-1')).json()) as {
      items: { hit: { id: string }; caseId?: string; verdict?: { verdict: string } }[];
    };
    expect(all.items.map((i) => [i.hit.id, i.caseId !== undefined, i.verdict?.verdict])).toEqual([
      ['b', false, undefined],
      ['a', true, 'false'],
    ]);
    const stats = (await (await call('GET', `/api/verdicts/stats?from=${T0 - 1}&to=${T0 + 10}`)).json()) as {
      rows: unknown[];
    };
    expect(stats.rows).toMatchObject([{ zoneId: 'z-vend', hits: 2, suppressed: 1, false: 1, falseRate: 1 }]);
    const lift = await call('POST', `/api/suppressions/${body.masks[0]!.id}/lift`, { reason: 'wrong' });
    expect(lift.status).toBe(200);
    expect(((await (await call('GET', '/api/suppressions')).json()) as { masks: unknown[] }).masks).toEqual([]);
    const again = await call('POST', `/api/suppressions/${body.masks[0]!.id}/lift`, {});
    expect(again.status).toBe(409);
    const verdicts = (await (await call('GET', `/api/cases/${body.case.id}/verdicts`)).json()) as {
      verdicts: unknown[];
    };
    expect(verdicts.verdicts).toMatchObject([{ verdict: 'false', reason: 'wrong-object', note: '影子', by: 'op' }]);
  });

  it('refusals name the field', async () => {
    const r = await call('POST', '/api/hits/a/verdict', { verdict: 'false' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain('body.reason');
    expect((await call('POST', '/api/hits/zzz/verdict', { verdict: 'confirmed' })).status).toBe(404);
    expect((await call('POST', '/api/suppressions/zzz/extend', { days: 1 })).status).toBe(404);
  });
});
