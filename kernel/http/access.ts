/**
 * Who may call what, declared where each route is registered:
 *
 *   const allow = access('cases');                       // the routes' group in the OpenAPI document
 *   app.get('/api/cases/kpi', allow(['admin', 'operator', 'regulator'], 'KPIs over a period…'),
 *     zv('query', kpiQuery), …)
 *
 * `allow(...)` must be the route's first handler. It does nothing itself: the dashboard's guard, in front of every
 * /api route, reads the declaration of the route the request matched (`declaredFor`) before the route runs — 401
 * without a session, 403 for a role not declared, and a route that declares none is refused for everybody. The
 * OpenAPI document and the access tests read the same declarations from the app's routes (`declaredRoutes`), with
 * the query and body schemas of the route's `zv` middleware.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { RouterRoute } from 'hono/types';
import type { z } from 'zod';
import { ROLES, type Role } from '../types/user.ts';
import { validatorOf } from './validate.ts';

/** Roles allowed; 'public' needs no session (login, health). */
export type Roles = 'public' | readonly Role[];

/** Every role, and the monitoring room (受理/派遣 staff). */
export const ANY_ROLE: readonly Role[] = ROLES;
export const ROOM: readonly Role[] = ['admin', 'operator'];

export interface Access {
  readonly roles: Roles;
  readonly summary: string;
  /** Group in the OpenAPI document. */
  readonly tag: string;
}

/** A registered route with its declaration. */
export interface DeclaredRoute extends Access {
  readonly method: string;
  /** Hono path pattern: ":param" for one segment, "*" for the rest. */
  readonly path: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
}

// biome-ignore lint/complexity/noBannedTypes: handlers of any signature are keys
const declared = new WeakMap<Function, Access>();

/** `allow(roles, summary)` for the routes of one OpenAPI group. */
export function access(tag: string): (roles: Roles, summary: string) => MiddlewareHandler {
  return (roles, summary) => {
    const mw: MiddlewareHandler = (_c, next) => next();
    declared.set(mw, { roles, summary, tag });
    return mw;
  };
}

/** The handler hono registered (a sub-app with its own error handler wraps them). */
function unwrap(handler: RouterRoute['handler']): RouterRoute['handler'] {
  const inner = (handler as { __COMPOSED_HANDLER?: RouterRoute['handler'] }).__COMPOSED_HANDLER;
  return inner ?? handler;
}

/** A route's declaration: its first handler's. Middleware (`use`, method ALL) is not a route. */
function accessOf(route: RouterRoute | undefined): Access | undefined {
  return route && declared.get(unwrap(route.handler));
}

/** The declaration of the route this request runs (the first route it matched), with its path pattern. */
export function declaredFor(c: Context): (Access & { readonly path: string }) | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  const found = accessOf(route);
  return found && route && { ...found, path: route.path };
}

export function allows(rule: Access, role: Role | undefined): boolean {
  if (rule.roles === 'public') return true;
  return role !== undefined && rule.roles.includes(role);
}

/** The app's routes (method + path, middleware left out), each with its declaration when it has one. */
export function routesOf(routes: readonly RouterRoute[]): { method: string; path: string; declared?: DeclaredRoute }[] {
  const out = new Map<string, { method: string; path: string; declared?: DeclaredRoute }>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const entry = out.get(key);
    if (!entry) {
      const a = accessOf(r);
      out.set(key, {
        method: r.method,
        path: r.path,
        ...(a ? { declared: { ...a, method: r.method, path: r.path } } : {}),
      });
      continue;
    }
    const v = validatorOf(unwrap(r.handler));
    if (!entry.declared || !v || (v.target !== 'query' && v.target !== 'json')) continue;
    entry.declared = { ...entry.declared, [v.target === 'json' ? 'body' : 'query']: v.schema };
  }
  return [...out.values()];
}

/** Every declared route of an app, with its query and body schemas (for the OpenAPI document). */
export function declaredRoutes(routes: readonly RouterRoute[]): DeclaredRoute[] {
  return routesOf(routes).flatMap((r) => (r.declared ? [r.declared] : []));
}
