/**
 * The guard in front of every /api route and /metrics: session → role (declared on the route with `allow(...)`,
 * kernel/http/access.ts) → CSRF token on state-changing methods. Anonymous → 401 unauthenticated; wrong role → 403
 * forbidden; bad token → 403 csrf; a route that declares no roles is refused for everybody (and logged).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { allows, declaredFor } from '../kernel/http/access.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { Logger } from '../kernel/log.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { csrfMatches, type SessionStore } from './sessions.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardOptions {
  readonly sessions: SessionStore;
  readonly cookieName: string;
  readonly log: Logger;
  /** Bearer token accepted on /metrics (server.metricsToken). */
  readonly metricsToken?: string;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-gw_session' : 'gw_session';
}

export function guard(opts: GuardOptions): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { method, path } = c.req;
    const rule = declaredFor(c);
    if (rule?.roles === 'public') return next();
    if (path === '/metrics' && opts.metricsToken && c.req.header('Authorization') === `Bearer ${opts.metricsToken}`)
      return next();
    const token = getCookie(c, opts.cookieName);
    const session = token ? opts.sessions.get(token) : undefined;
    if (!session) throw new HttpError('unauthenticated');
    if (!rule) {
      opts.log.warn({ method, path }, 'no roles declared for this route: refused (declare them with allow(...))');
      throw new HttpError('not_found', { what: path });
    }
    if (!allows(rule, session.user.role)) throw new HttpError('forbidden');
    if (!SAFE.has(method) && !csrfMatches(c.req.header('X-CSRF-Token'), session.csrf)) throw new HttpError('csrf');
    c.set('user', session.user);
    c.set('sessionId', session.id);
    await next();
  };
}
