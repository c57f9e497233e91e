/**
 * GET /api/evidence/<path>: an evidence file from DATA/evidence (Evidence.path is relative to it). Content-addressed,
 * so cached privately for a day; byte ranges for the clip player's seeking; nothing outside the directory.
 * Paths have a folder ("ab/<sha>.jpg", "cases/ab/<sha>.jpg"); a bare hash is left to detect's by-hash route.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { ApiEnv } from '../kernel/types/user.ts';
import { HttpError } from './errors.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.flv': 'video/x-flv',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
};

/** "bytes=a-b" → [start, end] inclusive, or undefined when absent/unsatisfiable. */
export function parseRange(header: string | undefined, size: number): [number, number] | undefined {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (!m[1] && !m[2])) return undefined;
  const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start <= end && start < size ? [start, end] : undefined;
}

export function evidenceRoute(evidenceDir: string): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const root = path.resolve(evidenceDir);
  app.get('/api/evidence/*', async (c, next) => {
    const rel = decodeURIComponent(c.req.path.slice('/api/evidence/'.length));
    // One segment is a content hash: detect's GET /api/evidence/:sha answers that when mounted.
    if (!rel.includes('/')) return next();
    const file = path.resolve(root, rel);
    if (!rel || !file.startsWith(root + path.sep)) throw new HttpError('not_found', { what: rel || 'evidence' });
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) throw new HttpError('not_found', { what: rel });
    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'private, max-age=86400',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
    };
    const range = parseRange(c.req.header('Range'), st.size);
    const [start, end] = range ?? [0, st.size - 1];
    headers['Content-Length'] = String(st.size === 0 ? 0 : end - start + 1);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
    if (st.size === 0) return c.body(null, 200, headers);
    const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
    return c.body(stream, range ? 206 : 200, headers);
  });
  return app;
}
