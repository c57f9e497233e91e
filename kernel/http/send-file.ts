/**
 * Sending a stored file over HTTP (evidence): streamed, with byte ranges for a video player's seeking, and the
 * content hash as ETag (If-None-Match → 304) when the file is content-addressed.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
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
  // O_NOFOLLOW: a symbolic link (planted, or swapped in after the caller's checks) is never followed
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  const st = await handle?.stat().catch(() => undefined);
  if (!handle || !st?.isFile()) {
    await handle?.close();
    throw new HttpError('not_found', { what: opts.what });
  }
  const headers: Record<string, string> = {
    'Content-Type': opts.mime,
    'Cache-Control': opts.cacheControl,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  };
  if (opts.sha256) headers.ETag = `"${opts.sha256}"`;
  const range = parseRange(c.req.header('Range'), st.size);
  const [start, end] = range ?? [0, st.size - 1];
  headers['Content-Length'] = String(st.size === 0 ? 0 : end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
  if ((opts.sha256 && c.req.header('If-None-Match') === headers.ETag) || st.size === 0) {
    await handle.close();
    if (st.size === 0) return c.body(null, 200, headers);
    delete headers['Content-Length'];
    delete headers['Content-Range'];
    return c.body(null, 304, headers);
  }
  const stream = Readable.toWeb(handle.createReadStream({ start, end })) as ReadableStream<Uint8Array>;
  return c.body(stream, range ? 206 : 200, headers);
}
