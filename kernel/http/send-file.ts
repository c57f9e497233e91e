/**
 * Sending a stored file over HTTP (evidence): streamed, with byte ranges for a video player's seeking, and the
 * content hash as ETag (If-None-Match → 304) when the file is content-addressed.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { HttpError } from './errors.ts';

/** Content-addressed files never change. */
export const IMMUTABLE = 'private, max-age=31536000, immutable';
export const ONE_DAY = 'private, max-age=86400';

export interface SendOptions {
  readonly mime: string;
  readonly cacheControl: string;
  /** The sha256 of the content, sent as a strong ETag. */
  readonly sha256?: string;
  /** Named in the 404 when the file is missing. */
  readonly what: string;
}

/** "bytes=a-b" → [start, end] inclusive, or undefined when absent/unsatisfiable. */
export function parseRange(header: string | undefined, size: number): [number, number] | undefined {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (!m[1] && !m[2])) return undefined;
  const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start <= end && start < size ? [start, end] : undefined;
}

export async function sendFile(c: Context, file: string, opts: SendOptions): Promise<Response> {
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile()) throw new HttpError('not_found', { what: opts.what });
  const headers: Record<string, string> = {
    'Content-Type': opts.mime,
    'Cache-Control': opts.cacheControl,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  };
  if (opts.sha256) {
    headers.ETag = `"${opts.sha256}"`;
    if (c.req.header('If-None-Match') === headers.ETag) return c.body(null, 304, headers);
  }
  const range = parseRange(c.req.header('Range'), st.size);
  const [start, end] = range ?? [0, st.size - 1];
  headers['Content-Length'] = String(st.size === 0 ? 0 : end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
  if (st.size === 0) return c.body(null, 200, headers);
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return c.body(stream, range ? 206 : 200, headers);
}
