/**
 * Phone-sized browser pages for the 处置通/城管通 tests: 390×844, touch, a mobile user agent, zh-CN; checks that a page
 * never scrolls sideways and that every control is tall enough to tap. Screenshots go to test-output/phone/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../../kernel/testing.ts';

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Mobile Safari/537.36';
export const phoneShotDir = path.join(repoRoot, 'test-output', 'phone');

export async function newPhonePage(browser: Browser, locale = 'zh-CN'): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
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
