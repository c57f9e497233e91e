/**
 * Evidence files: path traversal in every URL form (held), and finding 11's symlinks: a link planted in the evidence
 * store (to the main database, to /etc) was followed and served. Now only regular files whose real path is inside
 * the store are served, opened with O_NOFOLLOW.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, startTarget, type Target } from './harness.ts';

const fig = recorder(import.meta.filename);
let target: Target;
let operator: Client;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  operator = await target.login('operator');
});
afterAll(async () => target?.stop());

/** Refused: a 4xx, and none of the secret's bytes in the answer. */
async function refused(p: string, secret: RegExp): Promise<{ ok: boolean; why: string }> {
  const res = await operator.fetch(p);
  const body = await res.text();
  return {
    ok: res.status >= 400 && res.status < 500 && !secret.test(body),
    why: `HTTP ${res.status} ${body.slice(0, 80)}`,
  };
}

describe('evidence path traversal', () => {
  it.each([
    '/api/evidence/..%2F..%2Fgridwatch.db',
    '/api/evidence/ab/..%2F..%2F..%2Fgridwatch.db',
    '/api/evidence/ab/%2e%2e/%2e%2e/gridwatch.db',
    '/api/evidence/ab/..%252F..%252Fgridwatch.db',
    '/api/evidence/%2Fetc%2Fpasswd',
    '/api/evidence/ab/..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/evidence/cases/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/cases/x/evidence/..%2F..%2Fgridwatch.db',
  ])('%s is refused', async (p) => {
    const r = await refused(p, /SQLite format|root:/);
    expect(fig.attack(`traversal ${p}`, r.ok), r.why).toBe(true);
  });
});

describe('symbolic links planted in the evidence store', () => {
  it('are not followed: a file link (by path and by hash) and a linked folder', async () => {
    const store = path.join(target.dataDir, 'evidence');
    const sha = 'ab'.repeat(32);
    mkdirSync(path.join(store, 'ab'), { recursive: true });
    symlinkSync(path.join(target.dataDir, 'gridwatch.db'), path.join(store, 'ab', `${sha}.jpg`));
    symlinkSync('/etc', path.join(store, 'et'));
    for (const p of [`/api/evidence/ab/${sha}.jpg`, `/api/evidence/${sha}`, '/api/evidence/et/passwd']) {
      const r = await refused(p, /SQLite format|root:/);
      expect(fig.attack(`symlink ${p}`, r.ok), r.why).toBe(true);
    }
  });
});
