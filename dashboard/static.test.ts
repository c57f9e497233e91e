import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../kernel/testing.ts';
import { staticRoutes } from './static.ts';

describe('serving the built UI', () => {
  const dist = tempDir();
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, '.build-stamp'), 'x');
  const app = staticRoutes(dist);

  it('serves hashed assets for a year and index.html uncached (headers: security-headers.test.ts)', async () => {
    const js = await app.request('/assets/index-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const index = await app.request('/');
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers unknown paths with index.html (hash routing), not missing assets, dot files or traversal', async () => {
    expect(await (await app.request('/cases/whatever')).text()).toContain('id="app"');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect(await (await app.request('/.build-stamp')).text()).toContain('id="app"');
    expect(await (await app.request('/..%2F..%2Fetc%2Fpasswd')).text()).toContain('id="app"');
  });

  it('explains how to build when the UI is not built', async () => {
    const res = await staticRoutes(tempDir()).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:web');
  });
});
