import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GridwatchError, InputError } from '../kernel/errors.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { HttpError } from '../kernel/http/errors.ts';

function app(): { app: Hono; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) },
  );
  const a = new Hono();
  a.onError(errorHandler({ log, locale: 'zh-CN' }));
  a.get('/bug', () => {
    throw new TypeError('x is undefined');
  });
  a.get('/zod', () => {
    z.strictObject({ n: z.number() }).parse({ n: 'one' });
    return new Response();
  });
  a.post('/json', async (c) => c.json(await c.req.json()));
  a.get('/input', () => {
    throw new InputError('roads.geojson: not a FeatureCollection');
  });
  a.get('/gw', () => {
    throw new GridwatchError('conflict', 'case C-1 is closed');
  });
  a.get('/hono', () => {
    throw new HTTPException(418, { message: 'a teapot' });
  });
  a.get('/limited', () => {
    throw new HttpError('rate_limited', { seconds: 42 }, [], { 'Retry-After': '42' });
  });
  a.all('*', notFoundHandler('en'));
  return { app: a, logs };
}

describe('the error handler', () => {
  it('answers a bug with 500, a localised message carrying an error id, and logs the error with that id', async () => {
    const { app: a, logs } = app();
    const res = await a.request('/bug');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; message: string; errorId: string };
    expect(body.error).toBe('internal');
    expect(body.message).toBe(`服务器内部错误（错误编号 ${body.errorId}），请联系管理员`);
    expect(body.message).not.toContain('x is undefined');
    const line = logs.find((l) => l.errorId === body.errorId)!;
    expect(line).toMatchObject({ level: 50, path: '/bug', msg: 'request failed' });
    expect((line.err as { message: string }).message).toBe('x is undefined');
  });

  it('maps zod, malformed JSON, input and domain errors to 4xx with stable codes', async () => {
    const { app: a } = app();
    const zodRes = await a.request('/zod', { headers: { 'Accept-Language': 'en' } });
    expect(zodRes.status).toBe(400);
    expect(await zodRes.json()).toMatchObject({
      error: 'bad_request',
      field: 'n',
      message: 'Invalid input: n: expected number',
    });
    const json = await a.request('/json', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await json.json()).toMatchObject({ error: 'bad_json', message: '请求内容不是有效的 JSON' });
    expect(await (await a.request('/input')).json()).toMatchObject({
      error: 'bad_request',
      message: '输入有误：roads.geojson: not a FeatureCollection',
    });
    const gw = await a.request('/gw');
    expect(gw.status).toBe(409);
    expect(await gw.json()).toMatchObject({ error: 'conflict', message: '操作冲突：case C-1 is closed' });
    expect((await a.request('/hono')).status).toBe(500);
    const limited = await a.request('/limited', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(limited.headers.get('retry-after')).toBe('42');
    expect(await limited.json()).toMatchObject({
      error: 'rate_limited',
      message: 'Too many attempts; try again in 42 s',
    });
    expect(await (await a.request('/nowhere')).json()).toMatchObject({
      error: 'not_found',
      message: 'Not found: /nowhere',
    });
  });
});
