import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig } from '../kernel/testing.ts';
import { clientFor, login, PASSWORDS, startDashboardApp, TEST_CASES_CONFIG, TEST_USERS } from './testing.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('login, session, logout', () => {
  it('sets an HttpOnly SameSite=Strict cookie, answers the user and a CSRF token, and logs out', async () => {
    app = await startDashboardApp();
    const res = await post(app.url(), { username: 'operator', password: PASSWORDS.operator });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^gw_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const body = (await res.json()) as { user: { username: string; role: string }; csrf: string };
    expect(body.user).toMatchObject({ username: 'operator', role: 'operator', name: '监控员 王敏' });
    const c = clientFor(app.url(), cookie.split(';')[0], body.csrf);
    expect(((await (await c.fetch('/api/auth/session')).json()) as { csrf: string }).csrf).toBe(body.csrf);
    expect((await c.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await c.fetch('/api/auth/session')).status).toBe(401);
  });

  it('marks the cookie Secure with the __Host- prefix when server.secureCookies is on', async () => {
    app = await startDashboardApp({ server: { port: 0, secureCookies: true } });
    const res = await post(app.url(), { username: 'admin', password: PASSWORDS.admin });
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-gw_session=.*Secure/);
  });

  it('refuses a wrong password and an unknown user alike, localised', async () => {
    app = await startDashboardApp();
    const wrong = await post(app.url(), { username: 'operator', password: 'nope' }, { 'Accept-Language': 'zh-CN' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_credentials', message: '用户名或密码错误' });
    const unknown = await post(app.url(), { username: 'ghost', password: 'nope' }, { 'Accept-Language': 'en' });
    expect(await unknown.json()).toMatchObject({
      error: 'invalid_credentials',
      message: 'Wrong user name or password',
    });
  });

  it('rate-limits failed logins per client (server.loginAttemptsPerMinute), even the right password', async () => {
    app = await startDashboardApp({ server: { port: 0, loginAttemptsPerMinute: 3 } });
    for (let i = 0; i < 3; i++)
      expect((await post(app.url(), { username: 'admin', password: 'bad' })).status).toBe(401);
    const limited = await post(app.url(), { username: 'admin', password: PASSWORDS.admin });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toBe('rate_limited');
  });

  it('requires the CSRF token on state-changing requests', async () => {
    app = await startDashboardApp();
    const op = await login(app.url(), 'operator');
    const noToken = clientFor(app.url(), op.cookie, '');
    const res = await noToken.fetch('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('csrf');
    const wrong = await noToken.fetch('/api/auth/logout', {
      method: 'POST',
      headers: { 'X-CSRF-Token': `${op.csrf.slice(1)}x` },
    });
    expect(wrong.status).toBe(403);
    expect((await op.fetch('/api/auth/session')).status).toBe(200);
  });

  it('expires idle sessions after server.sessionTtlMinutes', async () => {
    let now = Date.UTC(2026, 4, 6, 2, 0);
    app = await startApp({
      loaded: testConfig({ users: TEST_USERS, cases: TEST_CASES_CONFIG, server: { port: 0, sessionTtlMinutes: 5 } }),
      log: silentLogger(),
      clock: { now: () => now },
    });
    const c = await login(app.url(), 'regulator');
    now += 4 * 60_000;
    expect((await c.fetch('/api/auth/session')).status).toBe(200);
    now += 4 * 60_000; // 4 min after the last use: still alive (idle timeout, not absolute)
    expect((await c.fetch('/api/auth/session')).status).toBe(200);
    now += 6 * 60_000;
    expect((await c.fetch('/api/auth/session')).status).toBe(401);
  });
});
