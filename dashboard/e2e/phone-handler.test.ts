/**
 * 处置通 in Debian chromium at 390×844 (touch, mobile user agent, zh-CN): the handler logs in on a narrow screen and
 * lands on the phone task list, opens a dispatched demo case, accepts it (签收); every page checked for sideways
 * scrolling and controls under 40 px. Screenshots in test-output/phone/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { waitFor } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';
import { checkPhoneLayout, newPhonePage, phoneLogIn, phoneShot } from './phone.ts';

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

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;

/** A street-cart case on the demo camera, registered and dispatched to the handler's unit by an operator. */
async function dispatchedCase(hitId: string): Promise<string> {
  const hit = await cartHit(app, hitId);
  app.ctx.bus.emit('hit', { phase: 'start', hit });
  const svc = cases().service;
  await waitFor(() => svc.repo.caseIdByRef(`hit:${hit.id}`) !== undefined, 10_000);
  const id = svc.repo.caseIdByRef(`hit:${hit.id}`)!;
  const op = { id: 'operator', role: 'operator' as const };
  if (svc.get(id)!.status === 'reported') expect(svc.act(id, { action: 'register' }, op).ok).toBe(true);
  if (svc.get(id)!.status === 'registered')
    expect(svc.act(id, { action: 'dispatch', unit: 'urban-mgmt-squad' }, op).ok).toBe(true);
  expect(svc.get(id)!.status).toBe('dispatched');
  return id;
}

async function expectPhoneLayout(page: Page): Promise<void> {
  const layout = await checkPhoneLayout(page);
  expect(layout.sideways, 'page scrolls sideways').toBeLessThanOrEqual(0);
  expect(layout.small, 'controls under 40 px').toEqual([]);
}

describe('处置通 on a phone', () => {
  it('handler: task list, case page with navigate links, 签收', async () => {
    const id = await dispatchedCase('e2e-phone-1');
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
    expect(cases().service.get(id)!.status).toBe('handling');
    await expectPhoneLayout(page);
    await phoneShot(page, 'p3-case-handling');

    await page.click('.phone-tab[data-tab="me"]');
    await page.locator('.phone-me').waitFor();
    await expectPhoneLayout(page);
    await phoneShot(page, 'p9-me');
    expect(errors).toEqual([]);
  }, 120_000);
});
