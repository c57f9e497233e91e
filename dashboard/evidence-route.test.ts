import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from '../kernel/evidence.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import type { ApiEnv, SessionUser } from '../kernel/types/user.ts';
import { errorHandler } from './error-handler.ts';
import { evidenceRoutes, type EvidenceAccess } from './evidence-route.ts';

const squad: SessionUser = { username: 'li', role: 'handler', unit: 'squad' };
const operator: SessionUser = { username: 'wang', role: 'operator' };

/** Which unit's cases hold which hashes (what the cases module answers in the app). */
class UnitEvidence implements EvidenceAccess {
  readonly byUnit = new Map<string, Set<string>>();
  attach(unit: string, sha: string): void {
    this.byUnit.set(unit, (this.byUnit.get(unit) ?? new Set()).add(sha));
  }
  unitCanSee(unit: string, sha256: string): boolean {
    return this.byUnit.get(unit)?.has(sha256) ?? false;
  }
}

function setup(): {
  store: EvidenceStore;
  units: UnitEvidence;
  as: (user?: SessionUser) => Hono<ApiEnv>;
  secretName: string;
} {
  const dir = tempDir();
  // A real file just outside the evidence directory: a traversal would reach it.
  const secretName = `${path.basename(dir)}-secret.txt`;
  writeFileSync(path.join(dir, '..', secretName), 'secret');
  const store = EvidenceStore.inDataDir(dir);
  mkdirSync(path.join(store.dir, 'ab'), { recursive: true });
  writeFileSync(path.join(store.dir, 'ab', 'clip.mp4'), Buffer.from('0123456789'));
  const units = new UnitEvidence();
  const as = (user?: SessionUser): Hono<ApiEnv> => {
    const app = new Hono<ApiEnv>();
    app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
    app.use('*', async (c, next) => {
      if (user) c.set('user', user);
      await next();
    });
    app.route(
      '/',
      evidenceRoutes(store, () => units),
    );
    return app;
  };
  return { store, units, as, secretName };
}

describe('GET /api/evidence/<path>', () => {
  it('serves a file with its type, and byte ranges for seeking', async () => {
    const app = setup().as(operator);
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
    const { as, secretName } = setup();
    const app = as(operator);
    expect((await app.request(`/api/evidence/ab/..%2F..%2F${secretName}`)).status).toBe(404);
    expect((await app.request(`/api/evidence/ab/../../${secretName}`)).status).toBe(404);
    expect((await app.request('/api/evidence/ab/none.jpg')).status).toBe(404);
    expect((await app.request('/api/evidence/ab/%E0%A4%A')).status).toBe(404);
  });

  it('serves a content-addressed file of the older cases/ layout as immutable, with its hash as ETag', async () => {
    const { store, as } = setup();
    const data = Buffer.from('old photo');
    const sha = createHash('sha256').update(data).digest('hex');
    mkdirSync(path.join(store.dir, 'cases', sha.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(store.dir, 'cases', sha.slice(0, 2), `${sha}.jpg`), data);
    const res = await as(operator).request(`/api/evidence/cases/${sha.slice(0, 2)}/${sha}.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${sha}"`);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(data);
  });
});

describe('GET /api/evidence/<sha256>', () => {
  it('serves a stored file with its type and an immutable cache header', async () => {
    const { store, as } = setup();
    const e = await store.put(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]), 'annotated', 'image/jpeg', 1);
    const res = await as(operator).request(`/api/evidence/${e.sha256}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toBe(`"${e.sha256}"`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
    const cached = await as(operator).request(`/api/evidence/${e.sha256}`, {
      headers: { 'If-None-Match': `"${e.sha256}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('refuses anonymous requests, names a malformed hash, and 404s an unknown one', async () => {
    const { store, as } = setup();
    const e = await store.put(Buffer.from('secret'), 'snapshot', 'image/jpeg', 1);
    expect((await as().request(`/api/evidence/${e.sha256}`)).status).toBe(401);
    expect((await as().request(`/api/evidence/${e.path}`)).status).toBe(401);
    const bad = await as(operator).request('/api/evidence/..%2F..%2Fgridwatch.db');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad_request', field: 'sha' });
    expect((await as(operator).request(`/api/evidence/${'a'.repeat(64)}`)).status).toBe(404);
  });
});

describe('who may see evidence', () => {
  it("gives a handler only their unit's evidence, in both URL forms; other roles everything", async () => {
    const { store, units, as } = setup();
    const own = await store.put(Buffer.from('squad case photo'), 'photo', 'image/jpeg', 1);
    const other = await store.put(Buffer.from('sanitation case photo'), 'photo', 'image/jpeg', 1);
    units.attach('squad', own.sha256);
    units.attach('sanitation', other.sha256);
    const status = async (user: SessionUser, url: string): Promise<number> => (await as(user).request(url)).status;
    for (const url of [`/api/evidence/${own.sha256}`, `/api/evidence/${own.path}`])
      expect(await status(squad, url)).toBe(200);
    for (const url of [`/api/evidence/${other.sha256}`, `/api/evidence/${other.path}`])
      expect(await status(squad, url)).toBe(404);
    // A file that is no case's evidence, or not named by its hash, is nobody's unit's.
    expect(await status(squad, '/api/evidence/ab/clip.mp4')).toBe(404);
    expect(await status({ username: 'x', role: 'handler' }, `/api/evidence/${own.sha256}`)).toBe(404);
    for (const role of ['admin', 'operator', 'regulator'] as const) {
      for (const e of [own, other])
        expect(await status({ username: role, role }, `/api/evidence/${e.sha256}`)).toBe(200);
    }
  });
});
