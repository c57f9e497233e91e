/**
 * Two fixes of #16 in Debian's chromium (zh-CN): the camera wall shows each camera in its own aspect ratio with a
 * 实时视频 / 快照 badge (the test app has no live relay: 快照), and the zone editor's 保存 with a shape still open
 * asks to finish it (yes: saved as a new zone; no: still drawing, nothing saved) and refuses a 2-corner shape with a
 * message instead of dropping it. Screenshots: test-output/dashboard/wall-*.png, zones-open-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';

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

async function operator(): Promise<Page> {
  const { page } = await newPage(browser, 'zh-CN');
  await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
  return page;
}

/** Click corners on the zone canvas at relative positions. */
async function corners(page: Page, pts: readonly [number, number][]): Promise<void> {
  const box = (await page.locator('[data-testid=zone-canvas]').boundingBox())!;
  for (const [x, y] of pts) await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
}

const savedZones = async (page: Page): Promise<number> =>
  page.evaluate(async () => ((await (await fetch('/api/zones?camera=cam-cart')).json()) as unknown[]).length);

describe('camera wall', () => {
  it("keeps the camera's aspect ratio and labels the tile 快照 when it shows snapshots", async () => {
    const page = await operator();
    const tile = page.locator('.camera-tile[data-camera=cam-cart]').first();
    await waitOrExplain(page, '.camera-tile[data-camera=cam-cart] img', 'wall-tile');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.camera-tile[data-camera=cam-cart] img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await tile.locator('[data-mode]').getAttribute('data-mode')).toBe('snapshot');
    expect(await tile.locator('[data-mode]').textContent()).toBe('快照');
    const ratios = async () =>
      tile.locator('.tile-media').evaluate((el) => {
        const img = el.querySelector('img')!;
        const r = el.getBoundingClientRect();
        return { box: r.width / r.height, picture: img.naturalWidth / img.naturalHeight };
      });
    await expect.poll(async () => Math.abs((await ratios()).box / (await ratios()).picture - 1)).toBeLessThan(0.01);
    await shot(page, 'wall-1-snapshot-ratio');
    await tile.locator('.tile-head').click(); // enlarged: the same ratio
    const big = page.locator('.camera-tile.big .tile-media');
    await big.waitFor();
    const bigRatio = await big.evaluate((el) => {
      const img = el.querySelector('img')!;
      const r = el.getBoundingClientRect();
      return r.width / r.height / (img.naturalWidth / img.naturalHeight || 16 / 9);
    });
    expect(Math.abs(bigRatio - 1)).toBeLessThan(0.02);
    await shot(page, 'wall-2-enlarged');
    await page.context().close();
  });
});

describe('zone editor: 保存 with a shape still open', () => {
  it('asks to finish it: yes saves it as a new zone, no keeps drawing; 2 corners refused, not dropped', async () => {
    const page = await operator();
    await page.goto(`${app.url()}/#/zones/cam-cart`);
    await waitOrExplain(page, '[data-testid=zone-canvas]', 'zones-open');
    const before = await savedZones(page);

    await page.click('.panel-tools button:has-text("新建区域")');
    await corners(page, [
      [0.05, 0.1],
      [0.3, 0.1],
      [0.3, 0.4],
      [0.05, 0.4],
    ]);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.click('[data-testid=save-zones]');
    await expect.poll(() => asked).toContain('还没有完成（4 个顶点）');
    expect(await page.locator('.panel-tools', { hasText: '已 4 个' }).count()).toBe(1); // still drawing
    expect(await savedZones(page)).toBe(before);
    await shot(page, 'zones-open-1-drawing');

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=save-zones]');
    await page.locator('.form-ok').waitFor();
    expect(await page.locator('.form-ok').textContent()).toContain(`已保存 ${before + 1} 个区域`);
    expect(await savedZones(page)).toBe(before + 1);
    await shot(page, 'zones-open-2-finished-and-saved');

    await page.click('.panel-tools button:has-text("新建区域")');
    await corners(page, [
      [0.6, 0.6],
      [0.8, 0.6],
    ]);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.click('[data-testid=save-zones]');
    await page.locator('.form-error', { hasText: '只有 2 个顶点' }).waitFor();
    expect(dialogs).toBe(0);
    expect(await savedZones(page)).toBe(before + 1);
    expect(await page.locator('.panel-tools', { hasText: '已 2 个' }).count()).toBe(1);
    await shot(page, 'zones-open-3-too-few-corners');
    await page.context().close();
  });
});
