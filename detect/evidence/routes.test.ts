import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../kernel/testing.ts';
import type { ApiEnv, SessionUser } from '../../kernel/types/user.ts';
import { evidenceRoutes } from './routes.ts';
import { EvidenceStore } from './store.ts';

function appWith(store: EvidenceStore, user?: SessionUser): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', async (c, next) => {
    if (user) c.set('user', user);
    await next();
  });
  app.route('/', evidenceRoutes(store));
  return app;
}

describe('evidence route', () => {
  const store = EvidenceStore.inDataDir(tempDir());
  const handler: SessionUser = { username: 'li', role: 'handler', unit: 'urban-mgmt-squad' };

  it('serves a stored file with its type and an immutable cache header', async () => {
    const e = await store.put(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]), 'annotated', 'image/jpeg', 1);
    const res = await appWith(store, handler).request(`/api/evidence/${e.sha256}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toBe(`"${e.sha256}"`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
    const cached = await appWith(store, handler).request(`/api/evidence/${e.sha256}`, { headers: { 'If-None-Match': `"${e.sha256}"` } });
    expect(cached.status).toBe(304);
  });

  it('refuses anonymous requests, names a malformed hash, and 404s an unknown one', async () => {
    const e = await store.put(Buffer.from('secret'), 'snapshot', 'image/jpeg', 1);
    expect((await appWith(store).request(`/api/evidence/${e.sha256}`)).status).toBe(401);
    const bad = await appWith(store, handler).request('/api/evidence/..%2F..%2Fgridwatch.db');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad_request', field: 'sha' });
    expect((await appWith(store, handler).request(`/api/evidence/${'a'.repeat(64)}`)).status).toBe(404);
  });
});
