/** GET /api/evidence/:sha — an evidence file by content hash, for logged-in users only (the guard sets the user). */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { SHA256, type EvidenceStore } from './store.ts';

const params = z.strictObject({ sha: z.string().regex(SHA256, 'must be a lowercase hex sha256 (64 characters)') });

export function evidenceRoutes(store: EvidenceStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/api/evidence/:sha', async (c) => {
    if (!c.get('user')) return c.json({ error: 'unauthenticated', message: 'log in to see evidence' }, 401);
    const p = params.safeParse(c.req.param());
    if (!p.success) {
      const issue = p.error.issues[0];
      return c.json({ error: 'bad_request', message: `sha: ${issue?.message ?? 'invalid'}`, field: 'sha' }, 400);
    }
    const found = await store.find(p.data.sha);
    if (!found) return c.json({ error: 'not_found', message: `no evidence ${p.data.sha}` }, 404);
    const etag = `"${p.data.sha}"`;
    const headers = {
      'Content-Type': found.mime,
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    const body = Readable.toWeb(createReadStream(found.file)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, { ...headers, 'Content-Length': String(found.size) });
  });
  return app;
}
