/**
 * The admin API on a running app: only admins get through (every other role 403 on every admin route), users are
 * added / changed / disabled / given a new password with the login effects that follow, an admin cannot lock
 * themselves or the system out, api keys are shown once, channels never show their keys. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../kernel/testing/backends.ts';
import type { App } from '../../app.ts';
import { routesOf } from '../../kernel/http/access.ts';
import { ROLES, type Role } from '../../kernel/types/user.ts';
import { clientFor, login, startDashboardApp, TEST_CASES_CONFIG, type Client } from '../testing.ts';

let app: App;
let admin: Client;

/** The app with webhooks and push channels configured; on PostgreSQL when `url` is given. */
const start = (url?: string): Promise<App> =>
  startDashboardApp({
    ...(url ? { database: { url } } : {}),
    grid: { regular: { origin: [114.2, 22.7], columns: 20, rows: 20, prefix: '440307001' } },
    cases: {
      ...TEST_CASES_CONFIG,
      webhooks: [
        { id: 'city-platform', url: 'https://platform.example.gov.cn/hook?token=abc', secret: 's'.repeat(20) },
      ],
      notify: {
        channels: [
          {
            id: 'squad-wecom',
            kind: 'wecom',
            url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-ROBOT-KEY',
            units: ['squad'],
            mentionMobiles: ['13800000000'],
          },
          {
            id: 'leaders-ding',
            kind: 'dingtalk',
            url: 'https://oapi.dingtalk.com/robot/send?access_token=SECRET-TOKEN',
            secret: 'SEC0123456789abcdef',
            units: ['*'],
            leaders: true,
          },
        ],
      },
    },
  });

const adminRoutes = () => routesOf(app.http.app.routes).filter((r) => r.path.startsWith('/api/admin'));
const concrete = (p: string): string => p.replace(/:\w+/g, 'x-test');

async function logsIn(username: string, password: string): Promise<number> {
  const res = await fetch(`${app.url()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.body?.cancel();
  return res.status;
}

describeBackends('admin routes', (_open, ctx) => {
  beforeAll(async () => {
    // the same app on the embedded SQLite file and on a real PostgreSQL (database.url)
    app = await start(ctx.server?.().createDatabase());
    admin = await login(app.url(), 'admin');
  });
  afterAll(async () => app?.stop());

  it('are declared for admins only, and refuse every other role with 403', async () => {
    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(11);
    const clients = {} as Record<Role, Client>;
    for (const role of ROLES) if (role !== 'admin') clients[role] = await login(app.url(), role);
    for (const r of routes) {
      expect({ route: `${r.method} ${r.path}`, roles: r.declared?.roles }).toEqual({
        route: `${r.method} ${r.path}`,
        roles: ['admin'],
      });
      for (const role of ROLES.filter((x) => x !== 'admin')) {
        const res = await clients[role].fetch(concrete(r.path), {
          method: r.method,
          json: r.method === 'GET' ? undefined : {},
        });
        const body = (await res.json()) as { error: string };
        expect({ route: `${role} ${r.method} ${r.path}`, status: res.status, error: body.error }).toEqual({
          route: `${role} ${r.method} ${r.path}`,
          status: 403,
          error: 'forbidden',
        });
      }
      const anon = await clientFor(app.url()).fetch(concrete(r.path), { method: r.method });
      expect(anon.status).toBe(401);
    }
  });

  it('add a user who can log in; change, disable, enable and reset the password, with the login effects', async () => {
    const add = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'li.na', role: 'handler', unit: 'squad', name: '执法队员 李娜', password: 'first-pass-1' },
    });
    expect(add.status).toBe(201);
    expect(await add.json()).toEqual({ username: 'li.na', role: 'handler', unit: 'squad', name: '执法队员 李娜' });
    expect(await logsIn('li.na', 'first-pass-1')).toBe(200);
    const session = await login(app.url(), 'handler');
    expect(session.cookie).toBeTruthy();

    const listed = (await (await admin.fetch('/api/admin/users')).json()) as { users: Record<string, unknown>[] };
    const li = listed.users.find((u) => u.username === 'li.na')!;
    expect(li).toMatchObject({ role: 'handler', unit: 'squad', disabled: false });
    expect(JSON.stringify(listed)).not.toMatch(/hash|scrypt|first-pass/);

    const patch = (json: unknown) => admin.fetch('/api/admin/users/li.na', { method: 'PATCH', json });
    expect((await patch({ name: '李娜', unit: 'sanitation' })).status).toBe(200);
    expect((await patch({ unit: 'nowhere' })).status).toBe(400);
    expect((await patch({ disabled: true })).status).toBe(200);
    expect(await logsIn('li.na', 'first-pass-1')).toBe(401);
    expect((await patch({ disabled: false })).status).toBe(200);
    const reset = await admin.fetch('/api/admin/users/li.na/password', {
      method: 'POST',
      json: { password: 'second-pass-2' },
    });
    expect(reset.status).toBe(200);
    expect(await logsIn('li.na', 'first-pass-1')).toBe(401);
    expect(await logsIn('li.na', 'second-pass-2')).toBe(200);

    const short = await admin.fetch('/api/admin/users/li.na/password', { method: 'POST', json: { password: 'x' } });
    expect(short.status).toBe(400);
    const dup = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'li.na', role: 'operator', password: 'another-pass' },
    });
    expect(dup.status).toBe(400);
  });

  it('an admin cannot disable or demote themselves, nor the last admin be disabled', async () => {
    const self = await admin.fetch('/api/admin/users/admin', { method: 'PATCH', json: { disabled: true } });
    expect(self.status).toBe(409);
    const demote = await admin.fetch('/api/admin/users/admin', { method: 'PATCH', json: { role: 'operator' } });
    expect(demote.status).toBe(409);
    // with a second admin, one may disable the other; then the one left is the last enabled admin
    const add = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'admin2', role: 'admin', password: 'admin2-pass-1' },
    });
    expect(add.status).toBe(201);
    const second = await (async () => {
      const res = await fetch(`${app.url()}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin2', password: 'admin2-pass-1' }),
      });
      const { csrf } = (await res.json()) as { csrf: string };
      return clientFor(app.url(), (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf);
    })();
    expect((await second.fetch('/api/admin/users/admin', { method: 'PATCH', json: { disabled: true } })).status).toBe(
      200,
    );
    expect((await second.fetch('/api/admin/users/admin2', { method: 'PATCH', json: { disabled: true } })).status).toBe(
      409,
    );
    expect((await second.fetch('/api/admin/users/admin', { method: 'PATCH', json: { disabled: false } })).status).toBe(
      200,
    );
    admin = await login(app.url(), 'admin');
  });

  it("an inspector's cells: set at creation and changed, only cells of the grid, only for inspectors", async () => {
    const add = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'xu.li', role: 'inspector', password: 'inspector-1', cells: ['440307001001001'] },
    });
    expect(add.status).toBe(201);
    expect(await add.json()).toMatchObject({ role: 'inspector', cells: ['440307001001001'] });
    const set = (json: unknown) => admin.fetch('/api/admin/users/xu.li', { method: 'PATCH', json });
    expect(await (await set({ cells: ['440307001002003', '440307001002004'] })).json()).toMatchObject({
      cells: ['440307001002003', '440307001002004'],
    });
    const bad = await set({ cells: ['440307001002003', '440307001099001', 'nowhere'] });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { field: string }[] };
    expect(body.issues.map((i) => i.field)).toEqual(['body.cells[1]', 'body.cells[2]']);
    const operatorCells = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'op.cells', role: 'operator', password: 'operator-1', cells: ['440307001001001'] },
    });
    expect(operatorCells.status).toBe(400);
    const list = (await (await admin.fetch('/api/admin/users')).json()) as { users: { username: string }[] };
    expect(list.users.find((u) => u.username === 'xu.li')).toMatchObject({
      cells: ['440307001002003', '440307001002004'],
    });
  });

  it('api keys: created once with the key, listed without it, revoked', async () => {
    const res = await admin.fetch('/api/admin/apikeys', { method: 'POST', json: { name: '12345 热线' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { id, key } = (await res.json()) as { id: string; key: string };
    expect(key).toMatch(/^gw_/);
    const list = await (await admin.fetch('/api/admin/apikeys')).text();
    expect(list).toContain('12345 热线');
    expect(list).not.toContain(key);
    expect((await admin.fetch(`/api/admin/apikeys/${id}/revoke`, { method: 'POST', json: {} })).status).toBe(200);
    const after = (await (await admin.fetch('/api/admin/apikeys')).json()) as { keys: { id: string }[] };
    expect(after.keys.find((k) => k.id === id)).toHaveProperty('revokedAt');
  });

  it('units and channels: routing, channels and the leaders group, URLs without their keys, no secrets', async () => {
    const units = await (await admin.fetch('/api/admin/units')).text();
    const channels = await (await admin.fetch('/api/admin/channels')).text();
    for (const text of [units, channels]) {
      expect(text).not.toMatch(/SECRET-ROBOT-KEY|SECRET-TOKEN|SEC0123456789|token=abc|sssss/);
    }
    const u = JSON.parse(units) as { units: { id: string; channels: { id: string; leaders: boolean }[] }[] };
    const squad = u.units.find((x) => x.id === 'squad')!;
    expect(squad.channels.map((c) => c.id).sort()).toEqual(['leaders-ding', 'squad-wecom']);
    expect(squad.channels.find((c) => c.id === 'leaders-ding')!.leaders).toBe(true);
    const c = JSON.parse(channels) as { webhooks: { url: string }[]; channels: { url: string; signed: boolean }[] };
    expect(c.webhooks[0]!.url).toBe('https://platform.example.gov.cn/hook?…');
    expect(c.channels.map((x) => x.signed)).toEqual([false, true]);
  });
});
