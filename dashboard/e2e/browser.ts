/**
 * Debian chromium through playwright-core for the dashboard's browser tests; screenshots go to test-output/dashboard.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../kernel/testing.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const shotDir = path.join(repoRoot, 'test-output', 'dashboard');
mkdirSync(shotDir, { recursive: true });

/** Headless, each launch with its own fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** A page in a new context (own cookies and storage), with page errors collected. */
export async function newPage(browser: Browser, locale = 'zh-CN'): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function logIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.topbar');
  await page.waitForSelector('.live-dot.live-open');
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Wait for `selector`; on a timeout, fail with what the page showed instead (URL, error messages, the start of its
 * text) and a screenshot `failed-<name>.png`, so a failure seen once under CI load can be understood afterwards.
 */
export async function waitOrExplain(page: Page, selector: string, name: string, timeout = 10_000): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ timeout });
  } catch (err) {
    const file = path.join(shotDir, `failed-${name}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const errors = await page
      .locator('.form-error')
      .allTextContents()
      .catch(() => []);
    const text = (
      (await page
        .locator('body')
        .textContent()
        .catch(() => '')) ?? ''
    )
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    throw new Error(
      `${selector} did not appear within ${timeout} ms at ${page.url()}; errors shown: ` +
        `${JSON.stringify(errors)}; page ` +
        `text: ${text}; screenshot: ${file}`,
      { cause: err },
    );
  }
}
