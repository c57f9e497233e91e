/** node-media-server signed URLs: `?sign=<exp>-md5("<stream path>-<exp>-<secret>")`, exp in epoch seconds. */
import { createHash } from 'node:crypto';

export function sign(streamPath: string, secret: string, expSeconds: number): string {
  const hash = createHash('md5').update(`${streamPath}-${expSeconds}-${secret}`).digest('hex');
  return `${expSeconds}-${hash}`;
}

/** The `sign` value for `streamPath` valid for `ttlSeconds` from `nowMs`. */
export function signFor(
  streamPath: string,
  secret: string,
  ttlSeconds: number,
  nowMs: number,
): { readonly sign: string; readonly expiresAt: number } {
  const exp = Math.floor(nowMs / 1000) + Math.max(1, Math.round(ttlSeconds));
  return { sign: sign(streamPath, secret, exp), expiresAt: exp * 1000 };
}

/** node-media-server accepts only [A-Za-z0-9_-] in a stream name; camera ids may also hold ".". */
export function streamNameFor(cameraId: string): string {
  return cameraId.replace(/[^A-Za-z0-9_-]/g, '_');
}
