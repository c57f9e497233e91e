import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../kernel/testing.ts';
import { errorHandler } from './error-handler.ts';
import { evidenceRoute, parseRange } from './evidence-route.ts';
import { silentLogger } from '../kernel/log.ts';

let secretName = '';

function setup(): Hono {
  const dir = tempDir();
  // A real file just outside the evidence directory: a traversal would reach it.
  secretName = `${path.basename(dir)}-secret.txt`;
  writeFileSync(path.join(dir, '..', secretName), 'secret');
  mkdirSync(path.join(dir, 'ab'), { recursive: true });
  writeFileSync(path.join(dir, 'ab', 'clip.mp4'), Buffer.from('0123456789'));
  const app = new Hono();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.route('/', evidenceRoute(dir));
  return app;
}

describe('GET /api/evidence/*', () => {
  it('serves a file with its type, and byte ranges for seeking', async () => {
    const app = setup();
    const all = await app.request('/api/evidence/ab/clip.mp4');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('video/mp4');
    expect(all.headers.get('accept-ranges')).toBe('bytes');
    expect(await all.text()).toBe('0123456789');
    const part = await app.request('/api/evidence/ab/clip.mp4', { headers: { Range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
  });

  it('refuses paths outside the evidence directory and missing files with 404', async () => {
    const app = setup();
    expect((await app.request(`/api/evidence/ab/..%2F..%2F${secretName}`)).status).toBe(404);
    expect((await app.request(`/api/evidence/ab/../../${secretName}`)).status).toBe(404);
    expect((await app.request('/api/evidence/ab/none.jpg')).status).toBe(404);
  });

  it('parses ranges, refusing unsatisfiable ones', () => {
    expect(parseRange('bytes=0-', 10)).toEqual([0, 9]);
    expect(parseRange('bytes=-3', 10)).toEqual([7, 9]);
    expect(parseRange('bytes=5-100', 10)).toEqual([5, 9]);
    expect(parseRange('bytes=10-', 10)).toBeUndefined();
    expect(parseRange('bytes=5-2', 10)).toBeUndefined();
    expect(parseRange('items=1-2', 10)).toBeUndefined();
    expect(parseRange(undefined, 10)).toBeUndefined();
  });
});
