/**
 * In Debian's chromium (zh-CN): the 案卷 of a demo camera case (before/after pair, display names) opened from the case
 * detail, the 案卷 of a demo vehicle case with its track drawn over the road network, the PDF downloaded from the
 * detail (%PDF, ≥ 1 page, first page rendered to PNG with pdftoppm where poppler-utils is installed); the board's
 * search box finding a case by number, by street, by plate and by a word of its description, combined with the status
 * filter. Street and plate are read from the demo configuration. Screenshots in test-output/dashboard/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { repoRoot, waitFor } from '../../kernel/testing.ts';
import type { Case } from '../../kernel/types/index.ts';
import { readRoadLines } from '../../telemetry/route/load-roads.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, shotDir, waitOrExplain } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, feedTrace, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;
let cameraCase: string;
let vehicleCase: string;
let reported: { id: string; street: string; word: string };

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;
const has = (bin: string): boolean => ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(`${d}/${bin}`));

/** A street of the configured road network (else the first camera's name, which names its street). */
function streetName(): string {
  const { config, baseDir } = app.ctx;
  const roads = config.roads ? readRoadLines(path.resolve(baseDir, config.roads.file)) : [];
  return roads.find((r) => r.name && [...r.name].length >= 3)?.name ?? config.cameras[0]!.name ?? 'cam';
}

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  await feedTrace(app);
  browser = await launchBrowser();
  const svc = cases().service;
  const hit = await cartHit(app, 'e2e-dossier-1');
  app.ctx.bus.emit('hit', { phase: 'start', hit });
  await waitFor(() => svc.repo.caseIdByRef(`hit:${hit.id}`) !== undefined, 10_000);
  cameraCase = svc.repo.caseIdByRef(`hit:${hit.id}`)!;
  const op = { id: 'operator', role: 'operator' as const };
  if (svc.get(cameraCase)!.status === 'reported') svc.act(cameraCase, { action: 'register' }, op);
  if (svc.get(cameraCase)!.status === 'registered') svc.act(cameraCase, { action: 'dispatch' }, op);
  const unit = svc.get(cameraCase)!.unitId;
  const handler = { id: 'handler', role: 'handler' as const, ...(unit ? { unit } : {}) };
  svc.act(cameraCase, { action: 'accept' }, handler);
  const photo = readFileSync(path.join(repoRoot, 'demo/media/detectron_city_traffic_19064748793.jpg'));
  const after = await EvidenceStore.inDataDir(app.ctx.dataDir).put(photo, 'photo', 'image/jpeg', app.ctx.clock.now());
  svc.attach(cameraCase, { evidence: [after] }, handler);
  svc.act(cameraCase, { action: 'handle', reason: '摊贩已劝离，人行道已清理' }, handler);
  const rows = svc.repo.stmt("SELECT id FROM cases WHERE source = 'vehicle' ORDER BY id").all() as { id: string }[];
  // a vehicle case whose track slice is a line (an off-route or speed finding, not a lone point)
  const store = EvidenceStore.inDataDir(app.ctx.dataDir);
  const line = (c: Case): boolean =>
    c.evidence.some((e) => {
      const file = e.kind === 'track' ? store.resolve(e.path) : undefined;
      return file !== undefined && readFileSync(file, 'utf8').includes('"LineString"');
    });
  vehicleCase = rows.map((r) => svc.get(r.id)!).find(line)!.id;
  const street = streetName();
  const citizen = svc.create(
    { source: 'citizen', category: '05-04', description: '店铺门前堆放纸箱，占用盲道', address: `${street}门口` },
    op,
  );
  reported = { id: citizen.id, street, word: '纸箱' };
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const tableText = (page: Page): Promise<string[]> =>
  page.locator('[data-testid="case-table"] tbody tr').allTextContents();

async function search(page: Page, q: string): Promise<void> {
  await page.fill('input[name=q]', q);
  await page.press('input[name=q]', 'Enter');
  await page.waitForFunction((v) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === v, q);
}

describe('案卷 (case sheet)', () => {
  it("opens from a camera case's detail with every field, the before/after pair and display names", async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(cameraCase)}`);
    await waitOrExplain(page, `.case-detail[data-case="${cameraCase}"] [data-testid="dossier-open"]`, 'dossier-link');
    const [sheet] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid=dossier-open]')]);
    await waitOrExplain(sheet, 'main.sheet', 'dossier-sheet');
    const text = (await sheet.locator('main.sheet').textContent()) ?? '';
    for (const want of [cameraCase, '案卷', '案件信息', '处置前', '处置后', '摊贩已劝离，人行道已清理', '办理过程'])
      expect(text).toContain(want);
    const names = app.ctx.config.users.filter((u) => u.username === 'operator' || u.username === 'handler');
    for (const u of names) if (u.name) expect(text).toContain(u.name);
    expect(await sheet.locator('.pair img').count()).toBe(2);
    expect(await sheet.locator('.timeline tbody tr').count()).toBeGreaterThanOrEqual(4);
    await sheet.screenshot({ path: path.join(shotDir, 'dossier-camera-zh-CN.png'), fullPage: true });
    await sheet.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.toolbar').isVisible()).toBe(false); // no nav on paper
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('draws a vehicle case’s track and downloads the PDF from the detail', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/api/cases/${encodeURIComponent(vehicleCase)}/dossier?lang=zh-CN`);
    await waitOrExplain(page, 'svg.track-svg path.track', 'dossier-track');
    expect(await page.locator('main.sheet').textContent()).toContain(vehicleCase);
    await page.screenshot({ path: path.join(shotDir, 'dossier-vehicle-zh-CN.png'), fullPage: true });
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(vehicleCase)}`);
    await waitOrExplain(page, '[data-testid="dossier-pdf"]', 'dossier-pdf-link');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=dossier-pdf]')]);
    const file = path.join(shotDir, `dossier-${vehicleCase}.pdf`);
    await download.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = has('pdfinfo')
      ? Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
      : (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0);
    expect(pages).toBeGreaterThanOrEqual(1);
    if (has('pdftoppm'))
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, `${file}-page1`]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('search from the case board', () => {
  it('finds a case by number, street, plate and a word of its description, with the status filter', async () => {
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
    await page.goto(`${app.url()}/#/cases`);
    await waitOrExplain(page, 'input[name=q]', 'search-box');
    await search(page, cameraCase);
    await expect.poll(() => tableText(page)).toEqual([expect.stringContaining(cameraCase)]);
    await search(page, reported.street);
    await expect.poll(() => tableText(page)).toContainEqual(expect.stringContaining(reported.id));
    const vehicle = cases().service.get(vehicleCase)!;
    const plate = app.ctx.config.vehicles.find((v) => v.id === vehicle.vehicleId)?.name ?? vehicle.vehicleId!;
    await search(page, plate);
    await expect.poll(() => tableText(page)).toContainEqual(expect.stringContaining(vehicleCase));
    expect((await tableText(page)).some((r) => r.includes(reported.id))).toBe(false);
    await search(page, reported.word);
    await expect.poll(() => tableText(page)).toEqual([expect.stringContaining(reported.id)]);
    await page.selectOption('select[name=status]', 'reported');
    await expect.poll(() => tableText(page)).toEqual([expect.stringContaining(reported.id)]);
    await shot(page, 'search-word-status-zh-CN');
    await page.selectOption('select[name=status]', 'closed');
    await expect.poll(() => page.locator('[data-testid="case-table"] td.empty').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
