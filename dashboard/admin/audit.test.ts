/**
 * The audit log on a running app: logins (also failed ones), logouts, case actions and admin changes are recorded
 * with who, when, what and the address; passwords never; searchable by user, kind, local date range and text;
 * exported as CSV and .xlsx with local times (read back). The app on the embedded SQLite file and on PostgreSQL.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../kernel/testing/backends.ts';
import type { App } from '../../app.ts';
import { login, startDashboardApp, type Client } from '../testing.ts';
import { localTime } from './audit-export.ts';
import { detailOf, redact } from './audit.ts';
import { refusal } from './users-routes.ts';

interface Entry {
  at: number;
  actor?: string;
  kind: string;
  action: string;
  target?: string;
  ip?: string;
  detail?: string;
  status?: number;
}

describeBackends('audit log', (_open, ctx) => {
  let app: App;
  let admin: Client;

  beforeAll(async () => {
    // the same app on the embedded SQLite file and on a real PostgreSQL (database.url)
    const url = ctx.server?.().createDatabase();
    app = await startDashboardApp(url ? { database: { url } } : {});
    admin = await login(app.url(), 'admin');
    const tries = (password: string) =>
      fetch(`${app.url()}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'zhang.wei', password }),
      });
    await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { username: 'zhang.wei', role: 'operator', name: '张伟', password: 'zhang-wei-pass-1' },
    });
    expect((await tries('wrong-password')).status).toBe(401);
    await admin.fetch('/api/admin/users/zhang.wei/password', {
      method: 'POST',
      json: { password: 'zhang-new-pass-2' },
    });
    const ok = await tries('zhang-new-pass-2');
    expect(ok.status).toBe(200);
    const operator = await login(app.url(), 'operator');
    const created = await operator.fetch('/api/cases', {
      method: 'POST',
      json: { category: '05-04', description: '解放路 店外经营', lat: 40.72, lon: -74.04 },
    });
    expect(created.status).toBeLessThan(300);
    await operator.fetch('/api/auth/logout', { method: 'POST' });
    const refused = await admin.fetch('/api/admin/users/zhang.wei', { method: 'PATCH', json: { unit: 'nowhere' } });
    expect(refused.status).toBe(400);
  });
  afterAll(async () => app?.stop());

  async function search(q: string): Promise<{ total: number; items: Entry[] }> {
    const res = await admin.fetch(`/api/admin/audit${q}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { total: number; items: Entry[] };
  }

  it('records logins, failed logins, logouts, case actions and admin changes with who, what and where', async () => {
    const all = (await search('')).items;
    const has = (kind: string, action: string, by: string, target?: string) =>
      all.find((e) => e.kind === kind && e.action === action && e.actor === by && (!target || e.target === target));
    expect(has('login', 'login', 'admin')).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1/), status: 200 });
    expect(has('login-failed', 'login', 'zhang.wei')).toMatchObject({ status: 401 });
    expect(has('login', 'login', 'zhang.wei')).toBeTruthy();
    expect(has('logout', 'logout', 'operator')).toBeTruthy();
    expect(has('admin', 'user.add', 'admin', 'zhang.wei')).toMatchObject({ status: 201 });
    expect(has('admin', 'user.password', 'admin', 'zhang.wei')).toMatchObject({ status: 200 });
    expect(has('case', 'case.create', 'operator')?.target).toMatch(/\d/);
    expect(has('admin', 'user.set', 'admin', 'zhang.wei')).toMatchObject({ status: 400, detail: '{"unit":"nowhere"}' });
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/zhang-wei-pass-1|zhang-new-pass-2|wrong-password|-test-pass/);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort((a, b) => b - a));
  });

  it('is searched by user (as actor or target), kind, local date range and text', async () => {
    const byUser = await search('?user=zhang.wei');
    expect(new Set(byUser.items.map((e) => e.action))).toEqual(
      new Set(['login', 'user.add', 'user.password', 'user.set']),
    );
    expect(byUser.items.every((e) => e.actor === 'zhang.wei' || e.target === 'zhang.wei')).toBe(true);
    const failed = await search('?kind=login-failed');
    expect(failed.items.map((e) => e.actor)).toEqual(['zhang.wei']);
    expect((await search('?text=password')).items.map((e) => e.action)).toContain('user.password');
    const today = localTime(Date.now(), 'Asia/Shanghai').slice(0, 10);
    expect((await search(`?from=${today}&to=${today}`)).total).toBe((await search('')).total);
    expect((await search('?from=2001-01-01&to=2001-01-02')).total).toBe(0);
    expect((await admin.fetch('/api/admin/audit?from=yesterday')).status).toBe(400);
  });

  it('exports CSV with local times and Chinese headers, and an .xlsx that reads back the same rows', async () => {
    const res = await admin.fetch('/api/admin/audit.csv?user=zhang.wei&lang=zh-CN');
    expect(res.headers.get('content-disposition')).toContain('audit-log.csv');
    const csv = await res.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('时间,用户,姓名,角色,地址,类别,操作,对象,详情,状态码');
    const entries = (await search('?user=zhang.wei')).items;
    expect(lines).toHaveLength(entries.length + 1);
    expect(lines[1]!.startsWith(localTime(entries[0]!.at, 'Asia/Shanghai'))).toBe(true);
    expect(csv).toContain('系统管理');

    const x = await admin.fetch('/api/admin/audit.xlsx?user=zhang.wei&lang=zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(entries.length + 1);
    const first = ws.getRow(2);
    const when = first.getCell(1).value as Date;
    expect(when.toISOString().replace('T', ' ').slice(0, 19)).toBe(localTime(entries[0]!.at, 'Asia/Shanghai'));
    expect(first.getCell(7).value).toBe(entries[0]!.action);
    expect(csv).toContain('zhang.wei,张伟,');
  });
});

describe('audit pieces', () => {
  it('redacts every secret-looking field, however deep', () => {
    expect(redact({ username: 'a', password: 'p', nested: [{ secret: 's', apiKey: 'k', note: 'n' }] })).toEqual({
      username: 'a',
      password: '***',
      nested: [{ secret: '***', apiKey: '***', note: 'n' }],
    });
    expect(detailOf({ note: 'x'.repeat(5000) })!.length).toBeLessThanOrEqual(2001);
  });

  it('refuses an admin disabling or demoting themselves, and the last enabled admin', () => {
    const u = (username: string, role: 'admin' | 'operator', disabled = false) => ({
      username,
      role,
      disabled,
      createdAt: 0,
      updatedAt: 0,
    });
    const all = [u('a', 'admin'), u('b', 'admin', true), u('c', 'operator')];
    expect(refusal('a', all[0]!, { disabled: true }, all)).toMatch(/themselves/);
    expect(refusal('a', all[0]!, { role: 'operator' }, all)).toMatch(/own admin role/);
    expect(refusal('x', all[0]!, { disabled: true }, all)).toMatch(/last admin/);
    expect(refusal('x', all[0]!, { name: 'A' }, all)).toBeUndefined();
    expect(refusal('a', all[2]!, { disabled: true }, all)).toBeUndefined();
    const two = [u('a', 'admin'), u('d', 'admin')];
    expect(refusal('d', two[0]!, { disabled: true }, two)).toBeUndefined();
  });
});
