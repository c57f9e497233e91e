/**
 * 城管通 in Debian chromium at 390×844 (touch, mobile user agent, zh-CN): an inspector logs in on the phone, reports a
 * problem with a real JPEG through the file chooser and a tap on the map, and the operator's desktop board (a second
 * browser context) shows it live, without a reload; the inspector verifies a fed-back case (核查结案) and sends another
 * back (返工) with on-site photos, the link dropping while it is sent (kept, sent once when it returns); the 通知
 * tab's badge and list. Every phone page: no sideways scrolling, no control
 * under 40 px. Screenshots in test-output/phone/ (i*.png) and test-output/dashboard/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { mapCenter } from '../ui-config.ts';
import { repoRoot, waitFor } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot } from './browser.ts';
import { DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';
import { checkPhoneLayout, newPhonePage, phoneLogIn, phoneShot } from './phone.ts';

const PHOTO = path.join(repoRoot, 'demo/media/urban_garbage_bags_frame0.jpg');
const AFTER = path.join(repoRoot, 'demo/media/urban_garbage_bags_frame273.jpg');
const PASSWORD = 'inspector-e2e-2026';
/** Made by the test with cells around the map's centre (the demo's own `inspector` has the camera cells). */
const INSPECTOR = 'inspector-e2e';
let app: App;
let browser: Browser;
let cells: string[];

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  browser = await launchBrowser();
  // the inspector walks the cells around the map's centre (read from the config, never hard-coded)
  const center = mapCenter(app.ctx.config);
  const d = 0.0008; // ≈ 70–90 m
  const around = [-d, 0, d].flatMap((dy) => [-d, 0, d].map((dx) => ({ lat: center.lat + dy, lon: center.lon + dx })));
  cells = [...new Set(around.map((p) => cases().service.catalog.locate(p)).filter((c): c is string => !!c))];
  expect(cells.length).toBeGreaterThan(0);
  cases().users.add({ username: INSPECTOR, role: 'inspector', password: PASSWORD, name: '信息采集员 赵敏', cells });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;

async function expectPhoneLayout(page: Page): Promise<void> {
  const layout = await checkPhoneLayout(page);
  expect(layout.sideways, 'page scrolls sideways').toBeLessThanOrEqual(0);
  expect(layout.small, 'controls under 40 px').toEqual([]);
}

/** The case taken round by the command centre and the unit to 处置反馈, with a feedback photo. */
async function feedBack(id: string): Promise<void> {
  const svc = cases().service;
  const op = { id: 'operator', role: 'operator' as const };
  expect(svc.act(id, { action: 'register' }, op).ok).toBe(true);
  const unit = svc.get(id)!.unitId ?? app.ctx.config.cases.units[0]!.id;
  expect(svc.act(id, { action: 'dispatch', unit }, op).ok).toBe(true);
  const handler = { id: 'handler', role: 'handler' as const, unit };
  expect(svc.act(id, { action: 'accept' }, handler).ok).toBe(true);
  const photo = await cases().evidence.put(readFileSync(AFTER), 'photo', 'image/jpeg', svc.now());
  svc.attach(id, { evidence: [photo], note: '处置后照片' }, handler);
  expect(svc.act(id, { action: 'handle', reason: '垃圾已清运，现场已冲洗' }, handler).ok).toBe(true);
}

async function takePhoto(page: Page, file: string): Promise<void> {
  const before = await page.locator('[data-testid="shot"]').count();
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-testid="take-photo"]');
  const fc = await chooser;
  expect(fc.isMultiple()).toBe(true);
  expect(await page.locator('[data-testid="camera-input"]').getAttribute('capture')).toBe('environment');
  await fc.setFiles(file);
  await page.locator('[data-testid="shot"]').nth(before).waitFor();
}

describe('城管通 on a phone', () => {
  it('inspector reports with a photo and a map tap; the operator board shows it live; 核查结案 and 返工', async () => {
    const desk = await newPage(browser);
    await logIn(desk.page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await desk.page.goto(`${app.url()}/#/cases`);
    await desk.page.locator('table').first().waitFor();

    const { page, errors } = await newPhonePage(browser);
    await phoneLogIn(page, app.url(), INSPECTOR, PASSWORD);
    await page.locator('.phone[data-phone-page="checks"]').waitFor();
    await page.locator('.phone-sub').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'i1-checks-empty');

    // 上报: category, photo from the camera, a tap on the map, a description
    await page.click('.phone-tab[data-tab="report"]');
    await page.locator('.insp-report').waitFor();
    await page.selectOption('select[name=category]', '01-02');
    await takePhoto(page, PHOTO);
    // the phone's position (granted), then a tap on the map moves the point
    const center = mapCenter(app.ctx.config);
    await page.context().grantPermissions(['geolocation'], { origin: app.url() });
    const geo = { lat: center.lat + 0.0003, lon: center.lon + 0.0003 };
    await page.context().setGeolocation({ latitude: geo.lat, longitude: geo.lon });
    await page.click('[data-testid="use-phone"]');
    await page.getByText(`已选位置 ${geo.lat.toFixed(5)}, ${geo.lon.toFixed(5)}`).waitFor();
    const map = page.locator('[data-testid="pick-map"]');
    await map.locator('.leaflet-control-zoom').waitFor();
    const box = (await map.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2 - 60, box.y + box.height / 2 + 40); // ≈ 55 m W, 35 m S
    await waitFor(async () => (await page.getByText(`已选位置 ${geo.lat.toFixed(5)}`).count()) === 0, 5000);
    await page.fill('textarea[name=description]', '人行道上有两袋暴露垃圾');
    await expectPhoneLayout(page);
    await phoneShot(page, 'i2-report-filled', true);
    await page.click('[data-testid="send-report"]');
    const done = page.locator('[data-testid="report-done"]');
    await done.waitFor();
    const id = (await done.getAttribute('data-case'))!;
    const reported = cases().service.get(id)!;
    // the tapped point, not the phone's: west and south of it
    expect(reported.location!.lon).toBeLessThan(geo.lon - 0.0003); // > 25 m west
    expect(reported.location!.lat).toBeLessThan(geo.lat - 0.0002); // > 22 m south
    expect(reported).toMatchObject({ source: 'inspector', status: 'reported', category: '01-02' });
    expect(cells).toContain(reported.gridCell);
    expect(reported.evidence.map((e) => e.kind)).toEqual(['photo']);
    await expectPhoneLayout(page);
    await phoneShot(page, 'i3-report-done');

    // the operator's board shows it without a reload
    await desk.page.locator('tr', { hasText: id }).waitFor({ timeout: 15_000 });
    await shot(desk.page, 'i-operator-board-live');

    // fed back by the unit → a notice to the inspector (badge), the case on the 核查 list
    await feedBack(id);
    const badge = page.locator('.phone-tab[data-tab="notices"] .phone-badge');
    await badge.waitFor({ timeout: 15_000 });
    expect(Number(await badge.textContent())).toBeGreaterThanOrEqual(1);
    await page.click('.phone-tab[data-tab="checks"]');
    const card = page.locator(`.task-card[data-case="${id}"]`);
    await card.waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'i4-checks');
    await card.click();
    await page.locator(`.insp-check[data-case="${id}"]`).waitFor();
    await page.locator('.insp-side[data-side="before"] img').waitFor();
    await page.locator('.insp-side[data-side="after"] img').waitFor();
    await takePhoto(page, AFTER);
    await page.fill('textarea[name=reason]', '现场已清理干净');
    await expectPhoneLayout(page);
    await phoneShot(page, 'i5-check-before-after', true);
    await page.click('[data-testid="check-verify"]');
    await page.locator(`.insp-check[data-status="closed"]`).waitFor();
    expect(cases().service.get(id)!.status).toBe('closed');
    await phoneShot(page, 'i6-check-closed');

    // another fed-back case in my cells → 返工
    const svc = cases().service;
    const photo = await cases().evidence.put(readFileSync(PHOTO), 'photo', 'image/jpeg', svc.now());
    const second = svc.create(
      {
        source: 'inspector',
        category: '05-01',
        description: '游商占道',
        location: reported.location,
        evidence: [photo],
      },
      { id: INSPECTOR, role: 'inspector', cells },
    ).id;
    // a handler of the unit the case goes to (notices are addressed when they are made)
    const unit = svc.get(second)!.unitId ?? app.ctx.config.cases.units[0]!.id;
    cases().users.add({ username: 'unit-e2e', role: 'handler', unit, password: PASSWORD, name: '处置人员 e2e' });
    await feedBack(second);
    await page.click('.phone-tab[data-tab="checks"]');
    await page.locator(`.task-card[data-case="${second}"]`).click();
    await page.locator(`.insp-check[data-case="${second}"]`).waitFor();
    await takePhoto(page, PHOTO);
    await page.fill('textarea[name=reason]', '游商仍在原处经营');
    // the link drops while it is sent: kept, and sent once when the connection returns
    await page.context().setOffline(true);
    await page.click('[data-testid="check-rework"]');
    await page.getByText('网络不可用').waitFor();
    expect(svc.get(second)!.status).toBe('handled');
    await phoneShot(page, 'i6b-check-offline');
    await page.context().setOffline(false);
    await page.locator(`.insp-check[data-status="handling"]`).waitFor({ timeout: 20_000 });
    expect(svc.timeline(second).filter((e) => e.action === 'rework')).toHaveLength(1);
    expect(svc.get(second)).toMatchObject({ status: 'handling', reworkCount: 1 });

    // 通知: the to-verify notices, read by opening one
    await page.click('.phone-tab[data-tab="notices"]');
    await page.locator('.notice-list li[data-kind="to-verify"]').first().waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'i7-notices');
    await waitFor(() => cases().inbox.unread(INSPECTOR) === 2, 5000);
    await page.locator(`.notice-list li[data-case="${second}"] a`).click();
    await page.locator(`.insp-check[data-case="${second}"]`).waitFor();
    await waitFor(() => cases().inbox.unread(INSPECTOR) === 1, 5000);

    // the unit's handler hears of the 返工 on the desktop: the bell's badge and list
    const hd = await newPage(browser);
    await logIn(hd.page, app.url(), 'unit-e2e', PASSWORD);
    await hd.page.goto(`${app.url()}/#/cases`);
    await hd.page.locator('[data-testid="notice-badge"]').waitFor();
    await hd.page.click('[data-testid="notice-bell"]');
    await hd.page.locator(`.notice-panel li[data-kind="rework"][data-case="${second}"]`).waitFor();
    await shot(hd.page, 'i-handler-notices');
    expect(hd.errors).toEqual([]);

    // the operator sees the report's whole loop on the desktop
    await desk.page.goto(`${app.url()}/#/cases/${id}`);
    await desk.page.locator(`.case-detail[data-case="${id}"][data-status="closed"]`).waitFor();
    await shot(desk.page, 'i-operator-case-closed');
    expect(errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  }, 180_000);
});
