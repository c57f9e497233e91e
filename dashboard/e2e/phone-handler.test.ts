/**
 * 处置通 in Debian chromium at 390×844 (touch, mobile user agent, zh-CN, position granted): the handler logs in on a
 * narrow screen and lands on the phone task list, opens a dispatched demo case, accepts it (签收), takes a photo
 * (file chooser with a real 1920×1080 JPEG, shrunk in the browser to 1600 px), sends the feedback; every page is
 * checked for sideways scrolling and controls under 40 px. The operator's desktop case detail then shows
 * before/after. Screenshots in test-output/phone/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { repoRoot } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage } from './browser.ts';
import { DEMO_PASSWORDS, feedTrace, startDemoApp } from './demo-app.ts';
import { casesOf, checkPhoneLayout, dispatchedCase, newPhonePage, PHONE_AT, phoneLogIn, phoneShot } from './phone.ts';

const AFTER_JPEG = path.join(repoRoot, 'demo/media/urban_garbage_bags_frame273.jpg'); // 1920×1080, a real photo

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

describe('处置通 on a phone', () => {
  it('handler: tasks, case with navigate links, 签收, camera photo, 处置反馈; desktop before/after', async () => {
    const id = await dispatchedCase(app, 1);
    const svc = casesOf(app).service;
    const { page, errors } = await newPhonePage(browser);
    await phoneLogIn(page, app.url(), 'handler', DEMO_PASSWORDS.handler);
    const card = page.locator(`.task-card[data-case="${id}"]`);
    await card.waitFor();
    expect(await card.locator('.time-left').textContent()).toMatch(/工作时/);
    await expectPhoneLayout(page);
    await phoneShot(page, 'p1-tasks');

    await card.click();
    await page.locator(`.phone-case[data-case="${id}"]`).waitFor();
    await page.locator('.evidence-figure img').first().waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(nav[0]).toMatch(/^geo:/);
    expect(nav[1]).toMatch(/^androidamap:\/\/viewMap\?/);
    expect(nav[2]).toMatch(/^baidumap:\/\/map\/marker\?/);
    await expectPhoneLayout(page);
    await phoneShot(page, 'p2-case-dispatched', true);

    await page.click('[data-action="accept"]');
    await page.locator('.phone-case[data-status="handling"]').waitFor();
    expect(svc.get(id)!.status).toBe('handling');
    await expectPhoneLayout(page);
    await phoneShot(page, 'p3-case-handling');

    await page.click('[data-action="handle"]');
    await page.fill('form[data-action="handle"] textarea[name=reason]', '已劝离摊贩，现场已清理干净');
    const chooser = page.waitForEvent('filechooser');
    await page.click('form[data-action="handle"] input[type=file]');
    await (await chooser).setFiles(AFTER_JPEG);
    const preview = page.locator('[data-testid="feedback-preview"] img[data-width]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-width')).toBe('1600');
    expect(await preview.getAttribute('data-height')).toBe('900');
    await expectPhoneLayout(page);
    await phoneShot(page, 'p4-feedback-form', true);

    await page.click('form[data-action="handle"] button[type=submit]');
    await expect.poll(() => svc.timeline(id).filter((e) => e.action === 'handle').length, { timeout: 15_000 }).toBe(1);
    const photos = svc.get(id)!.evidence.filter((e) => e.kind === 'photo');
    expect(photos).toHaveLength(1);
    expect(photos[0]!.position).toMatchObject({ lat: PHONE_AT.latitude, lon: PHONE_AT.longitude });
    expect(photos[0]!.takenAt).toBeGreaterThan(0);
    const file = EvidenceStore.inDataDir(app.ctx.dataDir).resolve(photos[0]!.path)!;
    expect(await sharp(file).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 900 });
    await page.locator('.phone-case .before-after img').nth(1).waitFor();
    await expect.poll(() => page.locator('[data-testid="pending"]').count()).toBe(0);
    await expectPhoneLayout(page);
    await phoneShot(page, 'p5-case-after-feedback', true);

    await page.click('.phone-tab[data-tab="me"]');
    await page.locator('.phone-me').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'p9-me');
    expect(errors).toEqual([]);

    // the operator's desktop case detail shows before/after
    const desk = await newPage(browser, 'zh-CN');
    await logIn(desk.page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await desk.page.goto(`${app.url()}/#/cases/${encodeURIComponent(id)}`);
    const pair = desk.page.locator(`.case-detail[data-case="${id}"] .before-after img`);
    await expect.poll(() => pair.count()).toBe(2);
    expect(await pair.nth(1).getAttribute('data-kind')).toBe('photo');
    await expect
      .poll(() => pair.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    await desk.page.screenshot({ path: path.join(repoRoot, 'test-output/phone/p6-desktop-before-after.png') });
    expect(desk.errors).toEqual([]);
  }, 180_000);

  it('a vehicle case: track on the small map; 回退 and 延期申请 forms; a refusal shown; English', async () => {
    await feedTrace(app);
    const svc = casesOf(app).service;
    const op = { id: 'operator', role: 'operator' as const };
    const vehicle = svc.repo.db
      .prepare("SELECT id FROM cases WHERE unit_id = 'sanitation-dept' AND status = 'registered' ORDER BY id LIMIT 1")
      .pluck()
      .get() as string | undefined;
    expect(vehicle, 'a vehicle case of the demo trace').toBeDefined();
    expect(svc.act(vehicle!, { action: 'dispatch' }, op).ok).toBe(true);
    const { page, errors } = await newPhonePage(browser);
    await phoneLogIn(page, app.url(), 'sanitation', 'sanitation-demo-2026');
    await page.locator(`.task-card[data-case="${vehicle}"]`).click();
    await page.locator('.phone-case .track-map .leaflet-container').waitFor();
    await expect
      .poll(() => page.locator('.phone-case .track-map .leaflet-overlay-pane *').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectPhoneLayout(page);
    await phoneShot(page, 'p11-vehicle-track', true);

    await page.click('[data-action="return"]');
    await page.locator('form[data-action="return"]').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'p12-return-form');
    await page.click('form[data-action="return"] button[type=submit]'); // no reason: refused by the server
    const refused = page.locator('[data-testid="pending"][data-state="failed"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('需要填写原因');
    await phoneShot(page, 'p13-refused');
    await page.click('[data-testid="pending-drop"]');
    await page.click('[data-action="request-extension"]');
    await page.locator('form[data-action="request-extension"] input[name=hours]').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'p14-extension-form');
    await page.fill('form[data-action="request-extension"] input[name=hours]', '4');
    await page.fill('form[data-action="request-extension"] textarea[name=reason]', '作业车辆维修，需延期');
    await page.click('form[data-action="request-extension"] button[type=submit]');
    await expect.poll(() => svc.get(vehicle!)!.extension?.hours).toBe(4);

    await page.click('.phone-tab[data-tab="me"]');
    await page.click('.phone-seg button:has-text("English")');
    await page.click('.phone-tab[data-tab="tasks"]');
    await page.locator('.phone-title:has-text("My tasks")').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'p15-tasks-en');
    expect(errors).toEqual([]);
  }, 180_000);
});
