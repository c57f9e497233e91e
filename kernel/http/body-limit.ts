/**
 * One request-body size limit for every route, with per-route overrides (uploads). Checked while the body streams
 * in, never by buffering it first: a declared Content-Length over the limit is refused before a byte is read; a
 * chunked body is counted as the route reads it and reading stops at the limit. Nothing is read until the route
 * reads, so a route can refuse before reading (Open311 checks its api key first). Over the limit → 413 too_large.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

export interface BodyLimitRule {
  readonly method: string;
  /** Matched against the request path. */
  readonly path: RegExp;
  readonly maxBytes: number;
}

const mb = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`;
const tooLarge = (max: number): HttpError => new HttpError('too_large', { max: mb(max) }, [], { Connection: 'close' });

export function maxBodyFor(c: Context, defaultMax: number, rules: readonly BodyLimitRule[]): number {
  return rules.find((r) => r.method === c.req.method && r.path.test(c.req.path))?.maxBytes ?? defaultMax;
}

export function bodyLimit(defaultMax: number, rules: readonly BodyLimitRule[] = []): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const max = maxBodyFor(c, defaultMax, rules);
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && !(Number(declared) <= max)) throw tooLarge(max);
    let size = 0;
    let over = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          size += chunk.byteLength;
          if (size > max) {
            over = true;
            ctl.error(tooLarge(max));
          } else ctl.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // the route read past the limit: whatever it made of the cut-off body, the answer is 413
    if (over) throw tooLarge(max);
  };
}
