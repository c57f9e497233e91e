/**
 * In Debian's chromium: a vehicle case of the demo trucks (the real Jersey City trace fed through the telemetry
 * pipeline) shows its place, grid cell and track on a small map in the case detail. Screenshot (zh-CN) in
 * test-output/dashboard/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS, feedTrace, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  await feedTrace(app);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a vehicle case in the case detail', () => {
  it('has a grid cell and draws its track slice on a map', async () => {
    const cases = app.components.find((x): x is CasesModule => x instanceof CasesModule)!;
    const svc = cases.service;
    const rows = svc.repo.stmt("SELECT id FROM cases WHERE source = 'vehicle' ORDER BY id").all() as { id: string }[];
    const all = rows.map((r) => svc.get(r.id)!);
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) expect(c.gridCell, `${c.id} ${c.category}`).toBeDefined();
    const offRoute = all.find((c) => c.category === '90-01') ?? all[0]!;
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(offRoute.id)}`);
    await waitOrExplain(page, '.track-map .leaflet-container', 'vehicle-case-map', 20_000);
    // the track is drawn (an SVG/canvas path) and the facts name the grid cell
    await expect
      .poll(() => page.locator('.track-map .leaflet-overlay-pane *').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.case-detail').textContent()).toContain(offRoute.gridCell!);
    await page.waitForTimeout(500); // let the fitted view settle before the screenshot
    await shot(page, 'case-vehicle-track-zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
