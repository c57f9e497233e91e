/**
 * 催办 and 督办 in Debian's chromium: an operator urges a dispatched case with a note (and is not offered 督办); the
 * admin escalates it with a reason; the 督办 badge shows in the detail and in the case list. Screenshots go to
 * test-output/dashboard/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { waitFor } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;

async function as(role: 'operator' | 'admin'): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser, 'zh-CN');
  await logIn(opened.page, app.url(), role, DEMO_PASSWORDS[role]);
  return opened;
}

const actionsOf = (page: Page): Promise<(string | null)[]> =>
  page.locator('[data-testid="case-actions"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));

describe('催办 and 督办 on the case board', () => {
  it('an operator urges, the admin escalates; the badge shows in the detail and the list', async () => {
    const hit = await cartHit(app, 'e2e-urge-1');
    app.ctx.bus.emit('hit', { phase: 'start', hit });
    const svc = cases().service;
    await waitFor(() => svc.repo.caseIdByRef(`hit:${hit.id}`) !== undefined, 10_000);
    const id = svc.repo.caseIdByRef(`hit:${hit.id}`);
    const op = { id: 'operator', role: 'operator' as const };
    if (svc.get(id!)!.status === 'reported') expect(svc.act(id!, { action: 'register' }, op).ok).toBe(true);
    if (svc.get(id!)!.status === 'registered') expect(svc.act(id!, { action: 'dispatch' }, op).ok).toBe(true);
    expect(svc.get(id!)!.status).toBe('dispatched');

    const operator = await as('operator');
    await operator.page.goto(`${app.url()}/#/cases/${encodeURIComponent(id!)}`);
    await operator.page.locator(`.case-detail[data-case="${id}"]`).waitFor();
    expect(await actionsOf(operator.page)).toContain('urge');
    expect(await actionsOf(operator.page)).not.toContain('escalate');
    await operator.page.click('[data-action="urge"]');
    await operator.page.fill('.action-form textarea[name=reason]', '市民再次来电，请尽快处置');
    await operator.page.click('.action-form button[type=submit]');
    await expect.poll(() => operator.page.locator('[data-testid="timeline"]').textContent()).toContain('催办');
    await shot(operator.page, 'urge-1-operator-urged');
    await operator.page.close();

    const admin = await as('admin');
    await admin.page.goto(`${app.url()}/#/cases/${encodeURIComponent(id!)}`);
    await admin.page.locator(`.case-detail[data-case="${id}"]`).waitFor();
    await admin.page.click('[data-action="escalate"]');
    await admin.page.click('.action-form button[type=submit]'); // no reason: refused, named
    await admin.page.locator('.action-form .form-error').waitFor();
    await admin.page.fill('.action-form textarea[name=reason]', '超期未处置，群众反映强烈');
    await admin.page.click('.action-form button[type=submit]');
    const badge = admin.page.locator('.case-head .badge.supervised');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('督办');
    expect(await admin.page.locator('.facts').textContent()).toContain('超期未处置，群众反映强烈');
    expect(await actionsOf(admin.page)).not.toContain('escalate');
    expect(svc.get(id!)!.supervised).toMatchObject({ by: 'admin', reason: '超期未处置，群众反映强烈' });
    await shot(admin.page, 'urge-2-admin-supervised');

    await admin.page.goto(`${app.url()}/#/cases`);
    const row = admin.page.locator('[data-testid="case-table"] tr', { hasText: id! });
    await row.locator('.badge.supervised').waitFor();
    await shot(admin.page, 'urge-3-case-list');
    await admin.page.close();
    expect([...operator.errors, ...admin.errors]).toEqual([]);
  }, 120_000);
});
