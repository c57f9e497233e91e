/**
 * In Debian's chromium, zh-CN: what the server generates reads as Chinese — a camera case (description, timeline notes
 * by 系统, a person by display name), a vehicle case (its violation's description, timeline) and a refusal (不予立案
 * without a reason). Every generated text shown holds no Latin words beyond the allow-list of kernel/messages/latin.ts.
 * Screenshots in test-output/dashboard/messages-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { latinWords } from '../../kernel/messages/latin.ts';
import { waitFor } from '../../kernel/testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, feedTrace, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;
let cameraCase: string;
let vehicleCase: string;

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  await feedTrace(app);
  const svc = app.components.find((x): x is CasesModule => x instanceof CasesModule)!.service;
  const hit = await cartHit(app, 'e2e-messages-1');
  app.ctx.bus.emit('hit', { phase: 'start', hit });
  await waitFor(() => svc.repo.caseIdByRef(`hit:${hit.id}`) !== undefined, 10_000);
  app.ctx.bus.emit('hit', { phase: 'end', hit: { ...hit, end: hit.lastSeen + 5 * 60_000 } });
  cameraCase = svc.repo.caseIdByRef(`hit:${hit.id}`)!;
  const rows = svc.repo.stmt("SELECT id FROM cases WHERE source = 'vehicle' ORDER BY id").all() as { id: string }[];
  vehicleCase = rows[0]!.id;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The generated texts of the open case detail's timeline: every reason and person. */
async function generatedTexts(page: Page): Promise<string[]> {
  return page.locator('.timeline .tl-reason, .timeline .tl-who').allTextContents();
}

/** A case's description as the UI gets it in zh-CN. */
function descriptionOf(page: Page, id: string): Promise<string> {
  return page.evaluate(async (caseId) => {
    const r = await fetch(`/api/cases/${encodeURIComponent(caseId)}`, { headers: { 'Accept-Language': 'zh-CN' } });
    return ((await r.json()) as { case: { description: string } }).case.description;
  }, id);
}

describe('server texts in Chinese', () => {
  it('a camera case: description, notes, people', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(cameraCase)}`);
    await waitOrExplain(page, '.timeline li', 'messages-camera', 20_000);
    const detail = (await page.locator('.case-detail').textContent()) ?? '';
    expect(detail).toContain('发现占道经营');
    const texts = [...(await generatedTexts(page)), await descriptionOf(page, cameraCase)];
    expect(texts.join('\n')).toContain('现场问题已消失（持续 5 分钟）');
    expect(texts).toContain('系统');
    for (const s of texts) expect(latinWords(s), s).toEqual([]);
    await shot(page, 'messages-camera-case-zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a vehicle case: the violation described in Chinese with local times', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(vehicleCase)}`);
    await waitOrExplain(page, '.timeline li', 'messages-vehicle', 20_000);
    const description = await descriptionOf(page, vehicleCase);
    expect(description).toMatch(/车辆/);
    expect(latinWords(description.replace(/（车辆 .*?，作业计划 .*?）/, ''))).toEqual([]);
    expect(description).not.toMatch(/\d{4}-\d\d-\d\dT/);
    for (const s of await generatedTexts(page)) expect(latinWords(s), s).toEqual([]);
    await shot(page, 'messages-vehicle-case-zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a refusal names the action and the missing field in Chinese', async () => {
    const { page } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(cameraCase)}`);
    await waitOrExplain(page, '[data-testid="case-actions"] [data-action="reject"]', 'messages-error', 20_000);
    await page.click('[data-testid="case-actions"] [data-action="reject"]');
    await page.click('form.action-form button[type="submit"]');
    await waitOrExplain(page, 'form.action-form .form-error', 'messages-error-shown', 10_000);
    const error = (await page.locator('form.action-form .form-error').textContent()) ?? '';
    expect(error).toBe('输入有误：不予立案需要填写原因');
    await shot(page, 'messages-error-zh-CN');
    await page.close();
  }, 120_000);
});
