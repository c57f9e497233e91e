/**
 * 处置通 on a flaky link, in Debian chromium at 390×844 (touch, mobile user agent, zh-CN):
 * - the API is cut (page.route → abort) while the handler sends feedback with a photo: the write is kept (text and
 *   photo in IndexedDB), shown as pending, survives a reload, and is sent when the link returns — exactly once, even
 *   when the first answer that gets through is lost on the way back (the server's Idempotency-Key replay);
 * - a case changed meanwhile by someone else (the live feed was down, so the page still shows the old state): 签收
 *   gets the server's 409, the phone shows it with the case's current state, and resending on that state works.
 * Screenshots in test-output/phone/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { repoRoot } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser } from './browser.ts';
import { DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';
import { casesOf, checkPhoneLayout, dispatchedCase, newPhonePage, phoneLogIn, phoneShot } from './phone.ts';

const PHOTO = path.join(repoRoot, 'demo/media/urban_garbage_bags_frame0.jpg');
const WRITES = /\/api\/cases\/[^/]+\/(photos|actions\/[a-z-]+)$/;

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

async function expectPhoneLayout(page: Page): Promise<void> {
  const layout = await checkPhoneLayout(page);
  expect(layout.sideways, 'page scrolls sideways').toBeLessThanOrEqual(0);
  expect(layout.small, 'controls under 40 px').toEqual([]);
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${app.url()}/#/phone/case/${encodeURIComponent(id)}`);
  await page.locator(`.phone-case[data-case="${id}"]`).waitFor();
}

describe('处置通 offline and on conflict', () => {
  it('feedback sent while the link is cut survives a reload and is sent once when it returns', async () => {
    const id = await dispatchedCase(app, 2);
    const svc = casesOf(app).service;
    const count = (action: string): number => svc.timeline(id).filter((e) => e.action === action).length;
    const { page, errors } = await newPhonePage(browser);
    await phoneLogIn(page, app.url(), 'handler', DEMO_PASSWORDS.handler);
    await openCase(page, id);
    await page.click('[data-action="accept"]');
    await page.locator('.phone-case[data-status="handling"]').waitFor();

    await page.route(WRITES, (route) => route.abort('internetdisconnected'));
    await page.click('[data-action="handle"]');
    await page.fill('form[data-action="handle"] textarea[name=reason]', '离线反馈：摊位已撤离');
    const chooser = page.waitForEvent('filechooser');
    await page.click('form[data-action="handle"] input[type=file]');
    await (await chooser).setFiles(PHOTO);
    await page.locator('[data-testid="feedback-preview"] img[data-width="1600"]').waitFor();
    await page.click('form[data-action="handle"] button[type=submit]');
    const pending = page.locator('[data-testid="pending"][data-state="pending"]');
    await pending.waitFor();
    expect(await page.locator('[data-testid="pending-chip"]').textContent()).toContain('未发送 1 条');
    await expectPhoneLayout(page);
    await phoneShot(page, 'p7-offline-pending');

    await page.reload();
    await pending.waitFor();
    expect(await pending.textContent()).toContain('离线反馈：摊位已撤离');
    expect(await pending.textContent()).toContain('照片 1 张，已上传 0 张');
    expect([count('handle'), count('attached')]).toEqual([0, 0]);
    await expectPhoneLayout(page);
    await phoneShot(page, 'p8-offline-after-reload', true);

    // the link returns, but the first answer to the action is lost after the server did the work
    let lost = 0;
    await page.unroute(WRITES);
    await page.route(/\/api\/cases\/[^/]+\/actions\/handle$/, async (route) => {
      if (lost++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await expect.poll(() => page.locator('[data-testid="pending"]').count(), { timeout: 45_000 }).toBe(0);
    expect(lost).toBeGreaterThanOrEqual(2);
    expect(count('handle')).toBe(1);
    expect(count('attached')).toBe(1);
    expect(svc.get(id)!.evidence.filter((e) => e.kind === 'photo')).toHaveLength(1);
    await page.locator('.phone-case .before-after img').nth(1).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('an action on a case changed meanwhile shows the 409 and the current state; resending works', async () => {
    const id = await dispatchedCase(app, 3);
    const svc = casesOf(app).service;
    const { page, errors } = await newPhonePage(browser);
    await page.route('**/api/events', (route) => route.abort()); // the live feed is down: no refresh by itself
    await phoneLogIn(page, app.url(), 'handler', DEMO_PASSWORDS.handler);
    await openCase(page, id);
    expect(svc.act(id, { action: 'urge', reason: '群众再次投诉' }, { id: 'operator', role: 'operator' }).ok).toBe(true);
    await page.click('[data-action="accept"]');
    const refused = page.locator('[data-testid="pending"][data-state="failed"][data-conflict="yes"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('案件已被他人更新');
    expect(await refused.textContent()).toContain('operator 于');
    expect(await refused.textContent()).toContain('催办');
    expect(await refused.textContent()).toContain('案件当前状态：已派遣');
    expect(svc.get(id)!.status).toBe('dispatched');
    await expectPhoneLayout(page);
    await phoneShot(page, 'p10-conflict');
    await page.click('[data-testid="pending-retry"]');
    await expect.poll(() => svc.get(id)!.status).toBe('handling');
    await expect.poll(() => refused.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
