/**
 * Table-driven: EVERY route the running app registers (the dashboard's and every capability's) declares its roles,
 * refuses an anonymous request (401) and a request from each role it does not allow (403), and is not refused to the
 * roles it does allow; a route that declares none is refused for everybody.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { access, routesOf, type DeclaredRoute } from '../kernel/http/access.ts';
import { silentLogger } from '../kernel/log.ts';
import { ROLES, type ApiEnv, type Role } from '../kernel/types/user.ts';
import { Dashboard } from './dashboard.ts';
import { errorHandler } from './error-handler.ts';
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

/** The app's routes (method + Hono path, with what each declares), without middleware and the UI's catch-all. */
function registeredRoutes(): { method: string; path: string; declared?: DeclaredRoute }[] {
  return routesOf(app.http.app.routes).filter((r) => r.path.startsWith('/api/') || r.path === '/metrics');
}

const concrete = (p: string): string => p.replace(/:\w+(\{[^}]*\})?/g, 'x-test').replace(/\*$/, 'x-test/x-test');

async function status(c: Client, method: string, path: string): Promise<{ status: number; error?: string }> {
  const res = await c.fetch(path, {
    method,
    json: method === 'GET' ? undefined : {},
    signal: AbortSignal.timeout(5000),
  });
  const type = res.headers.get('content-type') ?? '';
  let body: { error?: string } = {};
  if (type.includes('json')) body = (await res.json()) as { error?: string };
  else await res.body?.cancel();
  return { status: res.status, ...(body.error ? { error: body.error } : {}) };
}

describe('route access', () => {
  it('is declared by every registered route', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(29);
    for (const r of routes)
      expect({ route: `${r.method} ${r.path}`, declared: r.declared !== undefined }).toEqual({
        route: `${r.method} ${r.path}`,
        declared: true,
      });
  });

  it('refuses a route that declares no roles for everybody', async () => {
    const dashboard = app.components.find((c): c is Dashboard => c instanceof Dashboard)!;
    const probe = new Hono<ApiEnv>();
    probe.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
    probe.use('/api/*', dashboard.guard());
    probe.get('/api/probe/undeclared', (c) => c.text('served'));
    probe.get('/api/probe/declared', access('test')(['regulator'], 'A declared route.'), (c) => c.text('served'));
    const get = async (path: string, c?: Client) => {
      const res = await probe.request(path, { headers: c ? { Cookie: c.cookie } : {} });
      return res.status;
    };
    expect(await get('/api/probe/undeclared')).toBe(401);
    for (const role of ROLES)
      expect({ role, status: await get('/api/probe/undeclared', clients[role]) }).toEqual({ role, status: 404 });
    expect(await get('/api/probe/declared', clients.regulator)).toBe(200);
    expect(await get('/api/probe/declared', clients.admin)).toBe(403);
  });

  it('lets only login and health through without a session', () => {
    const open = registeredRoutes()
      .filter((r) => r.declared?.roles === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('refuses anonymous requests with 401 on every non-public route', async () => {
    for (const r of registeredRoutes()) {
      if (r.declared?.roles === 'public') continue;
      expect({ route: `${r.method} ${r.path}`, ...(await status(anon, r.method, concrete(r.path))) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        error: 'unauthenticated',
      });
    }
  });

  it('refuses every role a route does not declare with 403, and does not refuse the roles it declares', async () => {
    let refusals = 0;
    for (const r of registeredRoutes()) {
      const rule = r.declared!;
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
