/**
 * Table-driven: EVERY route the running app registers (the dashboard's and every capability's) is in the access
 * table, refuses an anonymous request (401) and a request from each role the table does not allow (403), and is not
 * refused to the roles it does allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import type { Role } from '../kernel/types/user.ts';
import { ACCESS_RULES, findRule, ROLES } from './access.ts';
import { clientFor, login, startDashboardApp, type Client } from './testing.ts';

let app: App;
const clients = {} as Record<Role, Client>;
let anon: Client;

beforeAll(async () => {
  app = await startDashboardApp();
  for (const role of ROLES) clients[role] = await login(app.url(), role);
  anon = clientFor(app.url());
});
afterAll(async () => app?.stop());

/** The app's routes (method + Hono path), without middleware and the UI's catch-all. */
function registeredRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.http.app.routes
    .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/metrics'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

const concrete = (p: string): string => p.replace(/:\w+(\{[^}]*\})?/g, 'x-test').replace(/\*$/, 'x-test/x-test');

async function status(c: Client, method: string, path: string): Promise<{ status: number; error?: string }> {
  const res = await c.fetch(path, {
    method,
    json: method === 'GET' ? undefined : {},
    signal: AbortSignal.timeout(5000),
  });
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await res.json()) as { error?: string }) : (await res.body?.cancel(), {});
  return { status: res.status, ...(body.error ? { error: body.error } : {}) };
}

describe('the access table', () => {
  it('has a rule for every registered route, and a route for every rule', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(ACCESS_RULES.length);
    for (const r of routes)
      expect({ route: r, rule: findRule(r.method, concrete(r.path))?.path }).toEqual({ route: r, rule: r.path });
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const rule of ACCESS_RULES)
      expect(keys, `${rule.method} ${rule.path} has no route`).toContain(`${rule.method} ${rule.path}`);
  });

  it('lets only login and health through without a session', () => {
    const open = ACCESS_RULES.filter((r) => r.roles === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open.filter((r) => !r.includes('open311'))).toEqual(['POST /api/auth/login', 'GET /api/health']);
  });

  it('refuses anonymous requests with 401 on every non-public route', async () => {
    for (const r of registeredRoutes()) {
      if (findRule(r.method, concrete(r.path))?.roles === 'public') continue;
      expect({ route: `${r.method} ${r.path}`, ...(await status(anon, r.method, concrete(r.path))) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        error: 'unauthenticated',
      });
    }
  });

  it('refuses every role the table does not list with 403, and does not refuse the roles it lists', async () => {
    let refusals = 0;
    for (const r of registeredRoutes()) {
      const rule = findRule(r.method, concrete(r.path))!;
      if (rule.roles === 'public' || r.path === '/api/auth/logout') continue;
      for (const role of ROLES) {
        const got = await status(clients[role], r.method, concrete(r.path));
        const route = `${role} ${r.method} ${r.path}`;
        if (rule.roles.includes(role))
          expect({ route, refused: got.status === 401 || got.error === 'forbidden' }).toEqual({
            route,
            refused: false,
          });
        else {
          expect({ route, ...got }).toEqual({ route, status: 403, error: 'forbidden' });
          refusals++;
        }
      }
    }
    expect(refusals).toBeGreaterThan(10);
  });
});
