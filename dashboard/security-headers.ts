/**
 * Security headers on EVERY response (API JSON, errors, the UI, Open311, metrics): hono's secureHeaders with one
 * Content-Security-Policy — no inline script, no framing (frame-ancestors 'none' + X-Frame-Options DENY),
 * same-origin referrers, nosniff. Images and video may come from http(s) (optional base-map tiles, the HTTP-FLV
 * relay on its own port); HSTS only when the server sits behind TLS (server.secureCookies).
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'http:', 'https:'],
  mediaSrc: ["'self'", 'blob:', 'http:', 'https:'],
  connectSrc: ["'self'", 'http:', 'https:', 'ws:', 'wss:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(opts: { readonly tls: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    strictTransportSecurity: opts.tls ? 'max-age=15552000' : false,
  });
}
