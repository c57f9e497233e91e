/**
 * 系统管理 in Debian's chromium (zh-CN): the admin adds a user (role, unit, display name) who then logs in, resets
 * their password (the new one works, the old one not), disables them (their login is refused); the audit log lists
 * these changes and the logins, filtered by the user, and its CSV export reads back with local times. Every admin
 * tab is photographed into test-output/dashboard/admin-*.png; a non-admin is not offered the page.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { notifyChannelSchema } from '../../kernel/config/notify.ts';
import { webhookSchema } from '../../kernel/config/cases.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp((c) => {
    const [first, second] = c.cases.units;
    const channel = (raw: Record<string, unknown>) => notifyChannelSchema.parse(raw);
    return {
      ...c,
      cases: {
        ...c.cases,
        webhooks: [
          webhookSchema.parse({ id: 'city-platform', url: 'http://127.0.0.1:9/hook', secret: 'x'.repeat(24) }),
        ],
        notify: {
          ...c.cases.notify,
          channels: [
            channel({
              id: 'unit-wecom',
              kind: 'wecom',
              url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-robot-key',
              units: [first!.id],
              mentionMobiles: ['13800138000'],
            }),
            channel({
              id: 'second-ding',
              kind: 'dingtalk',
              url: 'https://oapi.dingtalk.com/robot/send?access_token=demo-token',
              units: [second!.id],
            }),
            channel({
              id: 'leaders',
              kind: 'dingtalk',
              url: 'https://oapi.dingtalk.com/robot/send?access_token=leaders-token',
              secret: 'SEC0123456789abcdef0123',
              units: ['*'],
              leaders: true,
            }),
          ],
        },
      },
    };
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const USER = 'wang.fang';
const FIRST = 'wangfang-2026a';
const SECOND = 'wangfang-2026b';

/** Log in on the login page; true when the shell appears, false when the page shows a refusal. */
async function tryLogin(username: string, password: string): Promise<boolean> {
  const { page } = await newPage(browser, 'zh-CN');
  try {
    await page.goto(app.url());
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    const outcome = await Promise.race([
      page.waitForSelector('.topbar', { timeout: 15_000 }).then(() => true),
      page.waitForSelector('.login .form-error', { timeout: 15_000 }).then(() => false),
    ]);
    return outcome;
  } finally {
    await page.context().close();
  }
}

async function openTab(page: Page, tab: string, ready: string): Promise<void> {
  await page.goto(`${app.url()}/#/admin/${tab}`);
  await waitOrExplain(page, ready, `admin-${tab}`);
}

/** A cell code of the demo grid (whatever the demo city's grid is), row and column `n`. */
function cell(n: number): string {
  const g = app.ctx.config.grid;
  const p = (x: number) => String(x).padStart(3, '0');
  return g.regular ? `${g.regular.prefix}${p(n)}${p(n)}` : g.cells[n]!.code;
}

/** An inspector added with cells on the 用户 tab, then their cells changed on the 网格员片区 tab. */
async function inspectorCells(page: Page): Promise<void> {
  await openTab(page, 'users', '[data-testid=users-table] td');
  await page.click('[data-act=add-user]');
  const form = page.locator('[data-testid=user-form]');
  await form.locator('input[name=username]').fill('zhou.min');
  await form.locator('input[name=name]').fill('网格员 周敏');
  await form.locator('select[name=role]').selectOption('inspector');
  await form.locator('textarea[name=cells]').fill(`${cell(1)} ${cell(2)}`);
  await form.locator('input[name=password]').fill('zhoumin-2026');
  await form.locator('input[name=confirm]').fill('zhoumin-2026');
  await form.locator('button[type=submit]').click();
  await page.locator('.row-actions[data-user="zhou.min"]').waitFor();

  await openTab(page, 'cells', '[data-inspector="zhou.min"]');
  const row = page.locator('[data-inspector="zhou.min"]');
  expect(await row.locator('.badge.cell').allTextContents()).toEqual([cell(1), cell(2)]);
  await row.locator('[data-act=edit-cells]').click();
  const edit = page.locator('[data-testid=cells-form]');
  await edit.locator('textarea[name=cells]').fill(`${cell(2)}, ${cell(3)}, 999999999999999`);
  await edit.locator('button[type=submit]').click();
  await edit.locator('.form-error', { hasText: '999999999999999' }).waitFor();
  await shot(page, 'admin-8-cells-refused');
  await edit.locator('textarea[name=cells]').fill(`${cell(2)}, ${cell(3)}`);
  await edit.locator('button[type=submit]').click();
  await page.locator('.form-ok', { hasText: '2 个网格' }).waitFor();
  // the row is redrawn from the server's answer after the message shows
  await expect.poll(() => row.locator('.badge.cell').allTextContents()).toEqual([cell(2), cell(3)]);
  await shot(page, 'admin-8-cells');
}

describe('系统管理', () => {
  it('adds, resets and disables a user with the login effects; the audit log lists it; CSV read back', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'admin', DEMO_PASSWORDS.admin);
    expect(await page.locator('.nav a[data-page=admin]').textContent()).toBe('系统管理');
    await openTab(page, 'users', '[data-testid=users-table] td');
    await shot(page, 'admin-1-users');

    await page.click('[data-act=add-user]');
    const form = page.locator('[data-testid=user-form]');
    await form.locator('input[name=username]').fill(USER);
    await form.locator('input[name=name]').fill('执法队员 王芳');
    await form.locator('select[name=role]').selectOption('handler');
    await form.locator('input[name=password]').fill(FIRST);
    await form.locator('input[name=confirm]').fill(FIRST);
    await form.locator('button[type=submit]').click();
    await form.locator('.form-error').waitFor(); // a handler needs a unit: said before anything is sent
    expect(await form.locator('.form-error').textContent()).toBe('处置人员必须选择单位');
    const unit = app.ctx.config.cases.units[1]!;
    await form.locator('select[name=unit]').selectOption(unit.id);
    await shot(page, 'admin-2-add-user');
    await form.locator('button[type=submit]').click();
    const row = page.locator(`.row-actions[data-user="${USER}"]`);
    await row.waitFor();
    const rowText = await page.locator('tr', { has: row }).textContent();
    expect(rowText).toContain('执法队员 王芳');
    expect(rowText).toContain('处置人员');
    expect(rowText).toContain(unit.name);
    expect(await tryLogin(USER, FIRST)).toBe(true);

    await row.locator('[data-act=password]').click();
    const pw = page.locator('[data-testid=password-form]');
    await pw.locator('input[name=password]').fill(SECOND);
    await pw.locator('input[name=confirm]').fill(SECOND);
    await shot(page, 'admin-3-reset-password');
    await pw.locator('button[type=submit]').click();
    await page.locator('.form-ok', { hasText: '已重置' }).waitFor();
    expect(await tryLogin(USER, FIRST)).toBe(false);
    expect(await tryLogin(USER, SECOND)).toBe(true);

    // the admin's own row cannot be disabled
    expect(await page.locator('.row-actions[data-user="admin"] [data-act=disable]').isDisabled()).toBe(true);
    page.once('dialog', (d) => void d.accept());
    await row.locator('[data-act=disable]').click();
    await row.locator('[data-act=enable]').waitFor();
    await shot(page, 'admin-4-user-disabled');
    expect(await tryLogin(USER, SECOND)).toBe(false);

    await openTab(page, 'audit', '[data-testid=audit-table] tbody tr');
    await page.fill('[data-testid=audit-filters] input[name=user]', USER);
    await page.click('[data-act=search]');
    await page.waitForFunction(
      (u) =>
        [...document.querySelectorAll('[data-testid=audit-table] tbody tr')].every((r) => r.textContent?.includes(u)),
      USER,
    );
    const actions = await page
      .locator('[data-testid=audit-table] tbody tr')
      .evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-kind')} ${r.getAttribute('data-action')}`));
    for (const want of ['admin user.add', 'admin user.password', 'admin user.disable', 'login login'])
      expect(actions).toContain(want);
    expect(actions.filter((a) => a === 'login-failed login').length).toBeGreaterThanOrEqual(2);
    expect(page.url()).toContain(`user=${USER}`);
    await shot(page, 'admin-5-audit-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-act=export-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('时间,用户,姓名,角色,地址,类别,操作,对象,详情,状态码');
    expect(lines).toHaveLength(actions.length + 1);
    expect(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/.test(l))).toBe(true);
    expect(csv).toContain('user.add');
    expect(csv).toContain('登录失败');
    expect(csv).not.toContain(FIRST);
    expect(csv).not.toContain(SECOND);
    // local time: the newest row's time is the one shown on the page (Asia/Shanghai)
    const shownFirst = await page.locator('[data-testid=audit-table] tbody tr td').first().textContent();
    expect(shownFirst?.replace(/\//g, '-')).toBe(lines[1]!.slice(0, 19));

    await openTab(page, 'units', '.unit-card');
    expect(await page.locator('.unit-card .channel[data-channel=leaders]').count()).toBe(
      app.ctx.config.cases.units.length,
    );
    expect(await page.locator('body').textContent()).not.toMatch(/demo-robot-key|demo-token|leaders-token/);
    await shot(page, 'admin-6-units');
    await openTab(page, 'channels', '[data-channel=leaders]');
    await shot(page, 'admin-7-channels');
    await inspectorCells(page);
    await openTab(page, 'apikeys', '[data-testid=admin-apikeys]');
    await page.fill('input[name=key-name]', '12345 市民热线');
    await page.click('[data-act=add-key]');
    const key = await page.locator('[data-testid=new-key] .key').textContent();
    expect(key).toMatch(/^gw_/);
    await page.locator('[data-testid=keys-table] td', { hasText: '12345 市民热线' }).waitFor();
    await shot(page, 'admin-9-apikeys');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-act=revoke]');
    await page.locator('[data-testid=keys-table] td', { hasText: '已吊销' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('is not offered to an operator, and #/admin shows their own start page', async () => {
    const { page } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    expect(await page.locator('.nav a[data-page=admin]').count()).toBe(0);
    await page.goto(`${app.url()}/#/admin/users`);
    await page.waitForSelector('main.page-monitor');
    expect(await page.locator('[data-testid=admin-users]').count()).toBe(0);
    await page.context().close();
  });
});
