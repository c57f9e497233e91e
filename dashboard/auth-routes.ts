/**
 * Login, logout and "who am I": the session cookie (HttpOnly, SameSite=Strict, Secure when configured) and CSRF token.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientAddress } from '../kernel/http/client-address.ts';
import { type RateLimiter, takeAll } from '../kernel/ratelimit.ts';
import type { ApiEnv, SessionUser, UserVerifier } from '../kernel/types/user.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { auditAuth, firstRefusalInMinute } from './admin/audit-http.ts';
import type { AuditLog } from './admin/audit.ts';
import { logins } from './metrics.ts';
import { loginBody } from './schemas.ts';
import type { SessionStore } from './sessions.ts';
import { zv } from '../kernel/http/validate.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('auth');

export interface AuthDeps {
  readonly users: UserVerifier;
  readonly sessions: SessionStore;
  /** Login attempts per client address, and per user name. */
  readonly limiters: { readonly address: RateLimiter; readonly username: RateLimiter };
  readonly cookieName: string;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  /** Where logins (also failed ones) and logouts are recorded. */
  readonly audit?: AuditLog;
}

/** What login and GET /api/auth/session answer. */
export interface SessionInfo {
  readonly user: SessionUser;
  readonly csrf: string;
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
      const record = auditAuth(deps.audit, c, deps.trustProxy);
      // counted BEFORE the slow hash: parallel guesses cannot all pass the check
      const wait = takeAll([
        [deps.limiters.address, address],
        [deps.limiters.username, username.toLowerCase()],
      ]);
      if (wait > 0) {
        logins.inc({ result: 'limited' });
        if (firstRefusalInMinute(`${address}|${username}`, Date.now()))
          record({ actor: username, kind: 'login-failed', action: 'login', detail: 'rate_limited', status: 429 });
      }
      if (wait > 0) throw new HttpError('rate_limited', { seconds: wait }, [], { 'Retry-After': String(wait) });
      const before = deps.users.current(username)?.stamp;
      const verified = await deps.users.verify(username, password);
      // the session remembers the user's stamp: a change of the user while the hash ran is a failed login
      const now = verified ? deps.users.current(username) : undefined;
      const user = now && now.stamp === before ? now.user : undefined;
      if (!user || !now) {
        logins.inc({ result: 'invalid' });
        record({ actor: username, kind: 'login-failed', action: 'login', detail: 'invalid_credentials', status: 401 });
        throw new HttpError('invalid_credentials');
      }
      deps.limiters.address.forgive(address);
      deps.limiters.username.forgive(username.toLowerCase());
      logins.inc({ result: 'ok' });
      record({ actor: user.username, role: user.role, kind: 'login', action: 'login', status: 200 });
      const { token, csrf } = deps.sessions.create(user, now.stamp);
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
    const user = c.get('user');
    auditAuth(
      deps.audit,
      c,
      deps.trustProxy,
    )({
      actor: user.username,
      role: user.role,
      kind: 'logout',
      action: 'logout',
      status: 200,
    });
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
