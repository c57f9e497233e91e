/**
 * Phone-sized browser pages for the 处置通/城管通 tests: 390×844, touch, a mobile user agent, zh-CN; checks that a page
 * never scrolls sideways and that every control is tall enough to tap. Screenshots go to test-output/phone/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { repoRoot } from '../../kernel/testing.ts';

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Mobile Safari/537.36';
export const phoneShotDir = path.join(repoRoot, 'test-output', 'phone');

/** Where the test phone says it is (granted to the page), near the demo's street. */
export const PHONE_AT = { latitude: 22.7207, longitude: 114.2474, accuracy: 12 };

export async function newPhonePage(browser: Browser, locale = 'zh-CN'): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
    geolocation: PHONE_AT,
    permissions: ['geolocation'],
    viewport: PHONE_VIEWPORT,
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
    userAgent: PHONE_UA,
    locale,
    timezoneId: 'Asia/Shanghai',
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function phoneLogIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.phone');
}

/** document width (scrollWidth) against the viewport: > 0 means the page scrolls sideways. */
export async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

/** Every visible button, input, select, textarea and link shorter than `min` px: "tag.class text (h px)". */
export async function smallControls(page: Page, min = 40): Promise<string[]> {
  return page.evaluate((minPx) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown (display: none)
      const text = (el.textContent ?? '').trim().slice(0, 20);
      if (r.height < minPx) out.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" (${r.height} px)`);
    }
    return out;
  }, min);
}

/** Checked on every page the tests visit: no sideways scrolling, no small controls. */
export async function checkPhoneLayout(page: Page): Promise<{ sideways: number; small: string[] }> {
  return { sideways: await sideways(page), small: await smallControls(page) };
}

export async function phoneShot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(phoneShotDir, { recursive: true });
  const file = path.join(phoneShotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export const casesOf = (app: App): CasesModule =>
  app.components.find((x): x is CasesModule => x instanceof CasesModule)!;

/**
 * A 05-04 case reported by an inspector `n` × 200 m from the street-cart camera (so no two merge), with the demo's
 * street-cart photo as its picture, registered and dispatched to the demo handler's unit (urban-mgmt-squad).
 */
export async function dispatchedCase(app: App, n: number): Promise<string> {
  const svc = casesOf(app).service;
  const cam = app.ctx.config.cameras.find((c) => c.id === 'cam-cart')?.location ?? { lat: 22.72, lon: 114.247 };
  const photo = readFileSync(path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg'));
  const now = app.ctx.clock.now();
  const ev = await EvidenceStore.inDataDir(app.ctx.dataDir).put(photo, 'annotated', 'image/jpeg', now);
  const op = { id: 'operator', role: 'operator' as const };
  const c = svc.create(
    {
      source: 'inspector',
      category: '05-04',
      description: `手推车占道经营（测试 ${n}）`,
      address: `解放路 ${n} 号门前`,
      location: { lat: cam.lat + n * 0.0018, lon: cam.lon },
      evidence: [ev],
    },
    op,
  );
  for (const action of ['register', 'dispatch'] as const) {
    const out = svc.act(c.id, { action, ...(action === 'dispatch' ? { unit: 'urban-mgmt-squad' } : {}) }, op);
    if (!out.ok) throw new Error(`${action} ${c.id}: ${out.message}`);
  }
  return c.id;
}
