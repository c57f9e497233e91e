import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../kernel/http/errors.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { errorHandler } from './error-handler.ts';
import { securityHeaders } from './security-headers.ts';
import { staticRoutes } from './static.ts';

function app(tls = false): Hono {
  const a = new Hono();
  a.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  a.use('*', securityHeaders({ tls }));
  a.get('/api/ok', (c) => c.json({ ok: true }));
  a.get('/api/refused', () => {
    throw new HttpError('forbidden');
  });
  a.get('/api/bug', () => {
    throw new Error('bug');
  });
  a.route('/', staticRoutes(tempDir()));
  return a;
}

describe('security headers', () => {
  it.each(['/api/ok', '/api/refused', '/api/bug', '/', '/%ff'])('are on every response: %s', async (p) => {
    const res = await app().request(p);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('a malformed URL encoding is a 400, not a bug', async () => {
    expect((await app().request('/%ff')).status).toBe(400);
  });

  it('HSTS only behind TLS', async () => {
    expect((await app(true).request('/api/ok')).headers.get('strict-transport-security')).toContain('max-age=');
  });
});
