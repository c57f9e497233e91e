/**
 * End to end in Debian's chromium: the operator sees a hit injected on the bus in the alert feed without reloading,
 * opens it, sees the evidence image, registers and dispatches the case; the unit handler then sees only the actions
 * the workflow allows; the regulator opens the compliance tables and a vehicle's track replay. Screenshots of each
 * page go to test-output/dashboard/.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { ensureWebBuild } from '../web-build.ts';
import { Dashboard } from '../dashboard.ts';
import { launchBrowser, logIn, newPage, shot, shotDir, waitOrExplain } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, feedTrace, startDemoApp, TRACE_DAY } from './demo-app.ts';

let app: App;
let browser: Browser;
let caseId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  await feedTrace(app);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function as(role: keyof typeof DEMO_PASSWORDS, locale = 'zh-CN'): Promise<Page> {
  const { page, errors } = await newPage(browser, locale);
  page.on('close', () => pageErrors.push(...errors));
  await logIn(page, app.url(), role, DEMO_PASSWORDS[role]);
  return page;
}

const statusOf = (page: Page): Promise<string | null> => page.getAttribute('.case-detail', 'data-status');

describe('monitoring room (operator)', () => {
  it('shows a new hit within 1 s without reload, with its evidence; registers and dispatches its case', async () => {
    const page = await as('operator');
    expect(await page.locator('.nav a').allTextContents()).toEqual([
      '监控大厅',
      '案件',
      '地图',
      '区域编辑',
      '监管报表',
      '统计分析',
      '大屏',
      '录像回放',
    ]);
    const hit = await cartHit(app, 'e2e-cart-1');
    const appeared = page.waitForSelector(`[data-alert-id="hit:${hit.id}"]`, { timeout: 1000 });
    const t0 = Date.now();
    app.ctx.bus.emit('hit', { phase: 'start', hit });
    await appeared;
    const latencyMs = Date.now() - t0;
    writeFileSync(path.join(shotDir, 'alert-latency.json'), JSON.stringify({ latencyMs }));
    const card = page.locator(`[data-alert-id="hit:${hit.id}"]`);
    expect(await card.getAttribute('class')).toContain('fresh');
    expect(await card.locator('.alert-title').textContent()).toContain('店外经营');
    await shot(page, '1-operator-monitor');

    await card.locator('.alert-open').click();
    const img = page.locator('.modal img[data-kind="annotated"]');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    await page.locator('[data-testid="open-case"]').waitFor();
    await shot(page, '2-operator-alert-evidence');

    await page.click('[data-testid="open-case"]');
    await page.locator('.case-detail').waitFor();
    caseId = (await page.getAttribute('.case-detail', 'data-case'))!;
    expect(await statusOf(page)).toBe('reported');
    expect(await page.locator('.case-detail img[data-kind="annotated"]').count()).toBe(1);
    await page.click('[data-action="register"]');
    await page.click('.action-form button[type=submit]');
    await expect.poll(() => statusOf(page)).toBe('registered');
    await page.click('[data-action="dispatch"]');
    await page.click('.action-form button[type=submit]');
    await expect.poll(() => statusOf(page)).toBe('dispatched');
    const timeline = await page.locator('[data-testid="timeline"]').textContent();
    expect(timeline).toContain('立案');
    expect(timeline).toContain('派遣');
    await shot(page, '3-operator-case-dispatched');
    await page.close();
  });
});

describe('unit handler', () => {
  it('sees the dispatched case and only the actions the workflow allows them', async () => {
    const page = await as('handler');
    expect(await page.locator('.nav a').allTextContents()).toEqual(['案件', '地图', '录像回放']);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(caseId)}`);
    await page.locator(`.case-detail[data-case="${caseId}"]`).waitFor();
    const actions = await page
      .locator('[data-testid="case-actions"] button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
    expect(actions.sort()).toEqual(['accept', 'request-extension', 'return']);
    await shot(page, '4-handler-case');

    await page.click('[data-action="return"]');
    await page.click('.action-form button[type=submit]');
    const error = page.locator('.action-form .form-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^输入有误/);
    await page.click('.action-form button.ghost');
    await page.click('[data-action="accept"]');
    await page.click('.action-form button[type=submit]');
    await expect.poll(() => statusOf(page)).toBe('handling');
    await page.close();
  });
});

describe('regulator', () => {
  it('opens the compliance tables and a vehicle track replay', async () => {
    const page = await as('regulator');
    expect(await page.locator('.nav a').allTextContents()).toEqual([
      '案件',
      '地图',
      '监管报表',
      '统计分析',
      '大屏',
      '录像回放',
    ]);
    await page.goto(`${app.url()}/#/reports?from=${TRACE_DAY}&to=${TRACE_DAY}`);
    const contractors = page.locator('[data-testid="contractor-table"] tbody tr');
    await expect.poll(() => contractors.count()).toBe(2);
    expect(await contractors.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('城洁环卫公司'), expect.stringContaining('绿源清运公司')]),
    );
    const vehicles = page.locator('[data-testid="vehicle-table"] tbody tr');
    expect(await vehicles.count()).toBe(3);
    await page.locator('[data-testid="chart-coverage"] canvas').waitFor();
    await shot(page, '5-regulator-reports');

    // Open the vehicle with the most violations in the table (the list beside the replay must then have some).
    const counts = await vehicles.evaluateAll((rows) => rows.map((r) => Number(r.lastElementChild?.textContent ?? 0)));
    await vehicles.nth(counts.indexOf(Math.max(...counts))).click();
    await page.locator('[data-testid="replay-map"] .leaflet-map-pane').waitFor({ state: 'attached' });
    await expect
      .poll(async () => Number((await page.locator('[data-testid="fix-count"]').textContent())?.match(/\d+/)?.[0]))
      .toBeGreaterThan(100);
    const before = await page.locator('[data-testid="replay-time"]').textContent();
    await page.locator('input[name="time"]').evaluate((el) => {
      const input = el as HTMLInputElement;
      input.value = String((Number(input.min) + Number(input.max)) / 2);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => page.locator('[data-testid="replay-time"]').textContent()).not.toBe(before);
    await expect.poll(() => page.locator('.violation-list li').count()).toBeGreaterThan(0);
    await shot(page, '6-regulator-track-replay');
    await page.close();
  });
});

describe('log-in form', () => {
  it('says what is wrong in the chosen language', async () => {
    const { page } = await newPage(browser);
    await page.goto(app.url());
    await page.fill('input[name=username]', 'operator');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.form-error').textContent()).toBe('用户名或密码错误');
    await page.click('.login-lang button:has-text("English")');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.form-error').textContent()).toBe('Wrong user name or password');
    await shot(page, '0-login-error-en');
    await page.close();
  });
});

describe('the rest of the pages', () => {
  it('renders the map, zone editor and case board without page errors; the language switches to English', async () => {
    const page = await as('operator');
    await page.goto(`${app.url()}/#/map`);
    await page.locator('[data-testid="map"] .leaflet-map-pane').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    await shot(page, '7-operator-map');
    await page.goto(`${app.url()}/#/zones/cam-cart`);
    const canvas = page.locator('[data-testid="zone-canvas"]');
    await canvas.locator('polygon').first().waitFor();
    // Draw a second zone: three clicks on the snapshot, finish, save.
    await page.click('.zone-editor .panel-tools button:not(.primary)');
    const box = (await canvas.boundingBox())!;
    for (const [x, y] of [
      [0.05, 0.6],
      [0.25, 0.6],
      [0.2, 0.95],
    ])
      await page.mouse.click(box.x + x! * box.width, box.y + y! * box.height);
    await page.click('.zone-editor .panel-tools button.primary:not([data-testid])');
    await expect.poll(() => canvas.locator('polygon').count()).toBe(2);
    await page.click('[data-testid="save-zones"]');
    await expect.poll(() => page.locator('.form-ok').textContent()).toContain('已保存 2 个区域');
    const dashboard = app.components.find((x): x is Dashboard => x instanceof Dashboard)!;
    expect(dashboard.zones.table.get('cam-cart')?.zones).toHaveLength(2); // saved in the database
    // A bad id is refused, naming the field, in Chinese.
    await page.fill('[data-testid="zone-form"] input[name="id"]', 'bad id!');
    await page.click('[data-testid="save-zones"]');
    await expect.poll(() => page.locator('.zone-editor .form-error').textContent()).toBe('#2 · 区域编号：格式不正确');
    await shot(page, '8-operator-zones');
    // Switch to English and go to the case board at once: the language change remounts the shell, and a hash change
    // made before the remounted router's effect ran used to be missed (page stuck on the zone editor; 1 in 10 runs).
    await page.evaluate(async () => {
      const select = document.querySelector<HTMLSelectElement>('select.lang')!;
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      for (let i = 0; i < 5; i++) await Promise.resolve();
      location.hash = '#/cases';
    });
    await waitOrExplain(page, '[data-testid="case-table"] tbody tr', '9-operator-cases-en');
    expect(await page.locator('.nav a').allTextContents()).toEqual([
      'Monitoring room',
      'Cases',
      'Map',
      'Zone editor',
      'Compliance',
      'Statistics',
      'Big screen',
      'Playback',
    ]);
    await shot(page, '9-operator-cases-en');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
