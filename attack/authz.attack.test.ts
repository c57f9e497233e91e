/**
 * Held attacks, kept held: every API route (from the target's own OpenAPI document) refuses anonymous callers (401)
 * and every role it does not allow (403); a state-changing request without the session's CSRF token, with another
 * session's token, or with a forged one is refused (403 csrf) for every role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, type DemoUser, startTarget, type Target } from './harness.ts';
import { type ApiRoute, apiRoutes, concrete, outcome } from './routes.ts';

const fig = recorder(import.meta.filename);
const USERS: readonly DemoUser[] = ['admin', 'operator', 'handler', 'regulator'];
let target: Target;
let routes: ApiRoute[];
const clients = {} as Record<DemoUser, Client>;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  for (const u of USERS) clients[u] = await target.login(u);
  routes = await apiRoutes(clients.admin);
});
afterAll(async () => target?.stop());

const call = (c: Client, r: ApiRoute, csrf = true, headers: Record<string, string> = {}): Promise<Response> =>
  c.fetch(concrete(r.path), {
    method: r.method,
    csrf,
    headers: r.method === 'GET' ? headers : { 'Content-Type': 'application/json', ...headers },
    ...(r.method === 'GET' ? {} : { body: '{}' }),
    signal: AbortSignal.timeout(10_000),
  });

describe('authorization on every API route', () => {
  it('lists the API (sanity: the routes exist)', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const r of routes.filter((x) => x.roles !== 'public')) {
      const got = await outcome(await call(target.anonymous(), r));
      const name = `anonymous ${r.method} ${r.path}`;
      expect(fig.attack(name, got.status === 401 && got.error === 'unauthenticated'), name).toBe(true);
    }
  });

  it('refuses every role a route does not allow with 403, for every route and role', async () => {
    let tried = 0;
    for (const r of routes) {
      if (r.roles === 'public') continue;
      for (const u of USERS.filter((x) => !r.roles.includes(x))) {
        const got = await outcome(await call(clients[u], r));
        const name = `${u} ${r.method} ${r.path}`;
        expect(fig.attack(name, got.status === 403 && got.error === 'forbidden'), name).toBe(true);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(10);
  });
});

describe('CSRF on every state-changing route', () => {
  const writes = (): ApiRoute[] => routes.filter((r) => r.method !== 'GET' && r.roles !== 'public');

  it('refuses a missing, forged or another session’s token (403 csrf), for every role the route allows', async () => {
    const other = await target.login('operator');
    for (const r of writes()) {
      for (const u of USERS.filter((x) => r.roles.includes(x))) {
        for (const [how, csrf, headers] of [
          ['no token', false, {}],
          ['forged token', false, { 'X-CSRF-Token': 'A'.repeat(32) }],
          ['another session’s token', false, { 'X-CSRF-Token': other.csrf ?? '' }],
        ] as const) {
          const got = await outcome(await call(clients[u], r, csrf, headers));
          const name = `${u} ${r.method} ${r.path} with ${how}`;
          expect(fig.attack(name, got.status === 403 && got.error === 'csrf'), name).toBe(true);
        }
      }
    }
  });
});
