/**
 * Credentials of the media server.
 * - `sign`: node-media-server's own `?sign=<exp>-md5("<stream path>-<exp>-<secret>")`, exp in epoch seconds. gridwatch
 *   uses it only internally (media-gate.ts): the secret never leaves the process and no client ever gets a sign.
 * - `publishKey`: the per-stream publish credential, HMAC-SHA256 of the stream path under media.secret. Viewers get
 *   nothing derived from that secret (their play tokens are random, play-tokens.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function sign(streamPath: string, secret: string, expSeconds: number): string {
  const hash = createHash('md5').update(`${streamPath}-${expSeconds}-${secret}`).digest('hex');
  return `${expSeconds}-${hash}`;
}

/** The publish key of one stream ("/live/<name>"). */
export function publishKey(secret: string, streamPath: string): string {
  return createHmac('sha256', secret).update(`gridwatch publish\n${streamPath}`).digest('base64url');
}

/** Constant-time check of a presented publish key. */
export function publishKeyMatches(secret: string, streamPath: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(publishKey(secret, streamPath));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** node-media-server accepts only [A-Za-z0-9_-] in a stream name; camera ids may also hold ".". */
export function streamNameFor(cameraId: string): string {
  return cameraId.replace(/[^A-Za-z0-9_-]/g, '_');
}
