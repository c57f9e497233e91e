/**
 * Login, logout and "who am I": the session cookie (HttpOnly, SameSite=Strict, Secure when configured) and CSRF token.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApiEnv, SessionUser, UserVerifier } from '../kernel/types/user.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { logins } from './metrics.ts';
import type { FailureLimiter } from './ratelimit.ts';
import { loginBody } from './schemas.ts';
import type { SessionStore } from './sessions.ts';
import { zv } from '../kernel/http/validate.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('auth');

export interface AuthDeps {
  readonly users: UserVerifier;
  readonly sessions: SessionStore;
  readonly limiter: FailureLimiter;
  readonly cookieName: string;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
}

/** What login and GET /api/auth/session answer. */
export interface SessionInfo {
  readonly user: SessionUser;
  readonly csrf: string;
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (in-process requests in tests)
  }
}

export function authRoutes(deps: AuthDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.post(
    '/api/auth/login',
    allow('public', 'Log in; sets the session cookie and returns the CSRF token.'),
    zv('json', loginBody),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c, deps.trustProxy);
      const wait = deps.limiter.retryAfter(address);
      if (wait > 0) logins.inc({ result: 'limited' });
      if (wait > 0) throw new HttpError('rate_limited', { seconds: wait }, [], { 'Retry-After': String(wait) });
      const user = await deps.users.verify(username, password);
      if (!user) {
        deps.limiter.fail(address);
        logins.inc({ result: 'invalid' });
        throw new HttpError('invalid_credentials');
      }
      logins.inc({ result: 'ok' });
      const { token, csrf } = deps.sessions.create(user);
      setCookie(c, deps.cookieName, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.secureCookies,
        path: '/',
      });
      return c.json<SessionInfo>({ user, csrf });
    },
  );

  app.post('/api/auth/logout', allow(ANY_ROLE, 'Log out (ends the session).'), (c) => {
    const token = getCookie(c, deps.cookieName);
    if (token) deps.sessions.delete(token);
    deleteCookie(c, deps.cookieName, { path: '/', secure: deps.secureCookies });
    return c.json({ ok: true });
  });

  app.get('/api/auth/session', allow(ANY_ROLE, 'The logged-in user and the CSRF token.'), (c) => {
    const session = deps.sessions.get(getCookie(c, deps.cookieName) ?? '');
    if (!session) throw new HttpError('unauthenticated');
    return c.json<SessionInfo>({ user: session.user, csrf: session.csrf });
  });

  return app;
}
