import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { tempDir } from '../testing.ts';
import { errorHandler } from './error-handler.ts';
import { ONE_DAY, parseRange, sendFile } from './send-file.ts';

function appFor(file: string, sha256?: string): Hono {
  const app = new Hono();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.get('/f', (c) =>
    sendFile(c, file, { mime: 'text/plain', cacheControl: ONE_DAY, what: 'the file', ...(sha256 ? { sha256 } : {}) }),
  );
  return app;
}

describe('sendFile', () => {
  it('answers ranges with 206, a matching ETag with 304, an empty file with 200, a missing one with 404', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'f.txt');
    writeFileSync(file, 'abcdefghij');
    const app = appFor(file, 'a'.repeat(64));
    const tail = await app.request('/f', { headers: { Range: 'bytes=-3' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-length')).toBe('3');
    expect(await tail.text()).toBe('hij');
    // unsatisfiable: the whole file
    expect((await app.request('/f', { headers: { Range: 'bytes=20-' } })).status).toBe(200);
    expect((await app.request('/f', { headers: { 'If-None-Match': `"${'a'.repeat(64)}"` } })).status).toBe(304);
    expect((await app.request('/f', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const empty = await appFor(path.join(dir, 'empty.txt')).request('/f');
    expect([empty.status, empty.headers.get('content-length'), empty.headers.get('etag')]).toEqual([200, '0', null]);
    const missing = await appFor(path.join(dir, 'none.txt')).request('/f');
    expect(missing.status).toBe(404);
    expect((await appFor(dir).request('/f')).status).toBe(404); // a directory is not a file
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
