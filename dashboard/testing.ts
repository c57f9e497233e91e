/** Test helpers for the dashboard: an app with one user per role, and logged-in HTTP clients. */
import { startApp, type App } from '../app.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig } from '../kernel/testing.ts';
import type { Role } from '../kernel/types/user.ts';

export const PASSWORDS: Readonly<Record<Role, string>> = {
  admin: 'admin-test-pass',
  operator: 'operator-test-pass',
  handler: 'handler-test-pass',
  regulator: 'regulator-test-pass',
  inspector: 'inspector-test-pass',
};

/** A minimal case setup: two categories, two units, routing, one user per role (the handler in unit "squad"). */
export const TEST_CASES_CONFIG = {
  categories: [
    { code: '05-04', major: '街面秩序', name: '店外经营', nameEn: 'Business outside the shop', limitHours: 2 },
    { code: '01-02', major: '市容环境', name: '暴露垃圾', nameEn: 'Exposed garbage', limitHours: 4 },
  ],
  units: [
    { id: 'squad', name: '城管执法中队' },
    { id: 'sanitation', name: '环卫处' },
  ],
  routing: [
    { category: '05-*', unit: 'squad' },
    { category: '01-*', unit: 'sanitation' },
  ],
};

export const TEST_USERS = [
  { username: 'admin', role: 'admin', password: PASSWORDS.admin, name: '管理员' },
  { username: 'operator', role: 'operator', password: PASSWORDS.operator, name: '监控员 王敏' },
  { username: 'handler', role: 'handler', password: PASSWORDS.handler, unit: 'squad', name: '执法队员 李强' },
  { username: 'regulator', role: 'regulator', password: PASSWORDS.regulator, name: '监管 陈静' },
  { username: 'inspector', role: 'inspector', password: PASSWORDS.inspector, name: '信息采集员 赵敏' },
];

export async function startDashboardApp(overrides: Record<string, unknown> = {}): Promise<App> {
  return startApp({
    loaded: testConfig({ users: TEST_USERS, cases: TEST_CASES_CONFIG, ...overrides }),
    log: silentLogger(),
  });
}

/** A logged-in client: sends the session cookie, the CSRF token on writes, and a chosen Accept-Language. */
export interface Client {
  readonly cookie: string;
  readonly csrf: string;
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export function clientFor(base: string, cookie = '', csrf = '', lang = 'en'): Client {
  return {
    cookie,
    csrf,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('Cookie', cookie);
      if (csrf && !headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', csrf);
      if (!headers.has('Accept-Language')) headers.set('Accept-Language', lang);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(base + path, { ...init, headers, body, redirect: 'manual' });
    },
  };
}

export async function login(base: string, role: Role, lang = 'en'): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: role, password: PASSWORDS[role] }),
  });
  if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
  const { csrf } = (await res.json()) as { csrf: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return clientFor(base, cookie, csrf, lang);
}
