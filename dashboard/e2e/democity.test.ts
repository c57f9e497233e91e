/**
 * The demo city as `bash scripts/demo.sh` starts it (#16 items 1–2), in Debian's chromium (zh-CN): the demo
 * configuration with its simulated fleet live (mqtt.simulate: the day so far arrives as the terminals' backlog,
 * then fixes as they fall due), the clock set to 10:20 in Shenzhen on a fixed day so the test does not depend on the
 * hour it runs at. Within 5 minutes of the start the regulator's 今天 view lists every demo vehicle with coverage
 * > 0; the map draws covered streets green and missed ones red over the offline base map with Chinese street
 * names; the layers follow the role. Screenshots (zh-CN) in test-output/dashboard/.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../app.ts';
import { demoConfigFile } from '../../demo/index.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS } from './demo-app.ts';

const APP_NOW = Date.parse('2026-03-03T10:20:00+08:00');
let app: App;
let browser: Browser;
let started = 0;

beforeAll(async () => {
  await ensureWebBuild();
  const loaded = loadConfigFile(demoConfigFile);
  const c = loaded.config;
  const config = {
    ...c,
    dataDir: tempDir('gw-democity-'),
    log: { level: 'silent' as const },
    server: { ...c.server, port: 0 },
    mqtt: { ...c.mqtt, port: 0 } as typeof c.mqtt,
    media: { ...c.media, enabled: false },
    cameras: [],
    zones: [],
  };
  const shift = Date.now() - APP_NOW;
  started = Date.now();
  app = await startApp({
    loaded: { ...loaded, config },
    log: silentLogger(),
    clock: { now: () => Date.now() - shift },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Pixels of the map that are coverage green and coverage red (the lines are drawn on a canvas). */
async function coverageColours(page: Page): Promise<{ green: number; red: number }> {
  const png = await page.locator('[data-testid="map"]').screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let [green, red] = [0, 0];
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (g > 120 && r < 70 && b < 110 && g - r > 80) green++;
    if (r > 160 && g < 70 && b < 70) red++;
  }
  return { green, red };
}

/** Pixels of an element that are clearly coloured (not the dark background, grey axes or white text). */
async function colouredPixels(page: Page, testId: string): Promise<number> {
  const png = await page.locator(`[data-testid="${testId}"] canvas`).first().screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 80) n++;
  }
  return n;
}

describe('the demo city (simulated fleet on OpenStreetMap streets, Shenzhen Longgang)', () => {
  it('the regulator’s 今天 view lists every demo vehicle with coverage > 0 within 5 minutes', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'regulator', DEMO_PASSWORDS.regulator);
    await page.goto(`${app.url()}/#/reports`);
    await page.getByRole('button', { name: '今天' }).click();
    const rows = page.locator('[data-testid="vehicle-table"] tbody tr');
    const coverages = async (): Promise<number[]> =>
      (await rows.locator('.pct-bar em').allTextContents()).map((s) => Number.parseFloat(s) || 0);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: '今天' }).click();
          const c = await coverages();
          return c.length === 3 && c.every((x) => x > 0);
        },
        { timeout: 300_000, interval: 2000 },
      )
      .toBe(true);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(300);
    const text = await rows.allTextContents();
    for (const name of ['扫地车', '洒水车', '垃圾车']) expect(text.join(' ')).toContain(name);
    expect(text.join(' ')).toContain('模拟');
    await page.locator('[data-testid="chart-coverage"] canvas').waitFor();
    // the charts draw what the tables show (bars of coverage per unit, the violation kinds' ring)
    for (const chart of ['chart-coverage', 'chart-kinds'])
      await expect.poll(() => colouredPixels(page, chart), { timeout: 10_000 }).toBeGreaterThan(300);
    await shot(page, 'democity-regulator-today-zh-CN');
    process.stdout.write(
      `democity: 今天 view complete ${seconds.toFixed(1)} s after the start; coverage ${await coverages()}\n`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 320_000);

  it('the map: covered streets green, missed red, on the offline base map with Chinese street names', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'regulator', DEMO_PASSWORDS.regulator);
    await page.goto(`${app.url()}/#/map`);
    await waitOrExplain(page, '.street-name', 'democity-map-names', 20_000);
    const names = await page.locator('.street-name').allTextContents();
    for (const n of ['龙翔大道', '青春路', '红棉路']) expect(names).toContain(n);
    await expect.poll(async () => (await coverageColours(page)).green, { timeout: 30_000 }).toBeGreaterThan(200);
    await expect.poll(async () => (await coverageColours(page)).red, { timeout: 30_000 }).toBeGreaterThan(100);
    // the regulator's layers: vehicles and coverage, no cameras; the legend says the fleet is simulated
    const layers = await page.locator('.leaflet-control-layers-overlays label').allTextContents();
    expect(layers.join(' ')).toContain('作业车辆');
    expect(layers.join(' ')).not.toContain('摄像头');
    expect(await page.locator('[data-testid="map-legend"]').textContent()).toContain('模拟');
    // the legend (bottom left) does not cover the scale (bottom right)
    const legend = await page.locator('[data-testid="map-legend"]').boundingBox();
    const scale = await page.locator('.leaflet-control-scale').boundingBox();
    expect(legend && scale && (scale.x > legend.x + legend.width || scale.y + scale.height < legend.y)).toBe(true);
    await page.waitForTimeout(500);
    await shot(page, 'democity-map-regulator-zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('layers per role: a handler sees no sanitation trucks, the operator sees cameras and cases', async () => {
    const overlays = async (user: 'handler' | 'operator'): Promise<string> => {
      const { page } = await newPage(browser, 'zh-CN');
      await logIn(page, app.url(), user, DEMO_PASSWORDS[user]);
      await page.goto(`${app.url()}/#/map`);
      await waitOrExplain(page, '.street-name', `democity-map-${user}`, 20_000);
      const text = (await page.locator('.leaflet-control-layers-overlays label').allTextContents()).join(' ');
      await page.waitForTimeout(500);
      await shot(page, `democity-map-${user}-zh-CN`);
      await page.close();
      return text;
    };
    const handler = await overlays('handler');
    expect(handler).toContain('未结案件');
    expect(handler).not.toContain('作业车辆');
    expect(handler).not.toContain('作业道路覆盖');
    const operator = await overlays('operator');
    expect(operator).toContain('摄像头');
    expect(operator).toContain('未结案件');
  }, 120_000);
});
