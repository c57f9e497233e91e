/**
 * 大屏 and statistics in Debian's chromium (zh-CN) on the demo configuration. Cases are seeded across sources, grid
 * cells, categories and units through the real service API (inspector and citizen reports over HTTP, a camera hit on
 * the bus, the demo trucks' trace through the telemetry pipeline) and taken round the loop over HTTP. Then: the 大屏
 * at 1920×1080 with every panel filled; the statistics page; a drill-down from a figure to exactly its cases; the
 * .xlsx downloaded and read back with exceljs (Chinese headers, the rows on screen, local times).
 * Screenshots: test-output/dashboard/stats-*.png.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { waitFor } from '../../kernel/testing.ts';
import { localDateTime } from '../../kernel/time.ts';
import type { Case } from '../../kernel/types/index.ts';
import { ensureWebBuild } from '../web-build.ts';
import { type ApiClient, apiAs } from './api-client.ts';
import { launchBrowser, logIn, shot, shotDir } from './browser.ts';
import { cartHit, DEMO_PASSWORDS, feedTrace, startDemoApp } from './demo-app.ts';

let app: App;
let browser: Browser;
let op: ApiClient;
let admin: ApiClient;
const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;

beforeAll(async () => {
  await ensureWebBuild();
  app = await startDemoApp();
  browser = await launchBrowser();
  op = await apiAs(app.url(), 'operator', DEMO_PASSWORDS.operator);
  admin = await apiAs(app.url(), 'admin', DEMO_PASSWORDS.admin);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const act = (id: string, action: string, reason?: string): Promise<unknown> =>
  (action === 'verify' || action === 'rework' || action === 'register' || action === 'dispatch' ? op : admin).post(
    `/api/cases/${id}/actions/${action}`,
    reason ? { reason } : {},
  );

/** Inspector and citizen reports at the configured cameras' places (read from the config, not hard-coded). */
async function seed(): Promise<void> {
  const cfg = app.ctx.config;
  const places = cfg.cameras.flatMap((c) => (c.location ? [c.location] : []));
  const cats = cfg.cases.categories.filter((c) => !c.code.startsWith('90')).map((c) => c.code);
  expect(places.length).toBeGreaterThan(0);
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const p = places[i % places.length]!;
    const { case: c } = await op.post<{ case: Case }>('/api/cases', {
      category: cats[i % cats.length],
      description: i % 2 ? '市民来电反映：路边堆放垃圾' : '巡查发现：店外经营占道',
      lat: p.lat + 0.0004 * (i % 3),
      lon: p.lon + 0.0006 * (i % 4),
      source: i % 2 ? 'citizen' : 'inspector',
    });
    ids.push(c.id);
    if (c.status === 'reported') await act(c.id, 'register');
    await act(c.id, 'dispatch');
  }
  for (const id of ids.slice(0, 4)) {
    await act(id, 'accept');
    await act(id, 'handle', '已清理完毕');
  }
  await act(ids[0]!, 'rework', '复核仍有残留');
  await act(ids[0]!, 'handle', '再次清理');
  for (const id of ids.slice(0, 3)) await act(id, 'verify', '核查通过');
  const hit = await cartHit(app, 'e2e-stats-cart');
  app.ctx.bus.emit('hit', { phase: 'start', hit });
  const svc = cases().service;
  await waitFor(() => svc.repo.caseIdByRef(`hit:${hit.id}`) !== undefined, 10_000);
  const cam = svc.repo.caseIdByRef(`hit:${hit.id}`)!;
  if (svc.get(cam)!.status === 'reported') await act(cam, 'register');
  if (svc.get(cam)!.status === 'registered') await act(cam, 'dispatch');
  await feedTrace(app);
  await waitFor(() => svc.get(cam) !== undefined && countBy('vehicle') > 0, 30_000);
}

function countBy(source: string): number {
  return cases().service.repo.db.prepare('SELECT count(*) FROM cases WHERE source = ?').pluck().get(source) as number;
}

async function page(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const p = await ctx.newPage();
  p.setDefaultTimeout(15_000);
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await logIn(p, app.url(), 'regulator', DEMO_PASSWORDS.regulator);
  return { page: p, errors };
}

describe('大屏 and statistics', () => {
  it('seeds cases of every source through the service API', async () => {
    await seed();
    for (const s of ['camera', 'vehicle', 'inspector', 'citizen']) expect(countBy(s), s).toBeGreaterThan(0);
  }, 180_000);

  it('the 大屏 at 1920×1080 has every panel filled', async () => {
    const { page: p, errors } = await page(1920, 1080);
    await p.goto(`${app.url()}/#/bigscreen`);
    await p.locator('[data-testid="bigscreen"][data-ready="true"]').waitFor();
    expect(await p.locator('.topbar').count()).toBe(0); // a wall display: no top bar
    for (const s of ['camera', 'vehicle', 'inspector', 'citizen'])
      expect(Number(await p.locator(`[data-testid="today-${s}"]`).textContent()), s).toBeGreaterThan(0);
    for (const r of ['closeRate', 'closedOnTimeRate', 'reworkRate'])
      expect(await p.locator(`[data-testid="rate-${r}"] .bs-big`).textContent(), r).toMatch(/^\d+(\.\d)?%$/);
    for (const c of ['bs-trend7', 'bs-trend30'])
      expect(await p.locator(`[data-testid="${c}"]`).getAttribute('data-empty'), c).toBe('false');
    for (const list of ['bs-top-cells', 'bs-top-streets', 'bs-top-categories'])
      expect(await p.locator(`[data-testid="${list}"] li`).count(), list).toBeGreaterThan(0);
    for (const r of ['bs-units', 'bs-contractors'])
      expect(await p.locator(`[data-testid="${r}"] tbody tr`).count(), r).toBeGreaterThan(0);
    for (const d of ['cameras', 'vehicles'])
      expect(await p.locator(`[data-testid="devices-${d}"]`).textContent(), d).toMatch(/在线 \d+\/[1-9]/);
    await p.locator('[data-testid="bigscreen-map"].leaflet-container').waitFor();
    const map = await p.locator('[data-testid="bigscreen-map"]').boundingBox();
    expect(map!.height).toBeGreaterThan(400);
    expect(await p.locator('.bs-legend').textContent()).toMatch(/在办案件 [1-9]/);
    // nothing spills out of 1920×1080: every panel lies inside the viewport
    const boxes = await p.locator('.bs-panel').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    expect(Math.max(...boxes)).toBeLessThanOrEqual(1080);
    await p.waitForTimeout(500); // charts draw on the next frame
    await shot(p, 'stats-1-bigscreen-1920x1080-zh-CN');
    expect(errors).toEqual([]);
    await p.context().close();
  }, 60_000);

  it('statistics → drill-down lists exactly the cases counted; the xlsx holds the rows on screen', async () => {
    const { page: p, errors } = await page(1600, 1000);
    const day = localDateTime(app.ctx.clock.now(), 'Asia/Shanghai').slice(0, 10);
    await p.goto(`${app.url()}/#/stats?from=${day}&to=${day}&dim=source`);
    const table = p.locator('[data-testid="stats-table"]');
    await table.locator('tbody tr[data-key]').first().waitFor();
    await p.waitForTimeout(300);
    await shot(p, 'stats-2-statistics-by-source-zh-CN');
    const rows = await table
      .locator('tbody tr[data-key]')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['视频', '车辆', '巡查员', '市民']));

    // the xlsx: same rows, Chinese headers, local times
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="export-xlsx"]')]);
    const file = path.join(shotDir, 'stats-by-source.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('统计')!;
    const cells = (n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1).slice(0, 4)).toEqual(['来源', '编码', '立案数', '结案数']);
    rows.forEach((r, i) => {
      expect(
        cells(i + 2)
          .slice(0, 4)
          .map(String),
        `row ${i}`,
      ).toEqual([r[0], r[1], r[2], r[3]]);
    });
    const list = wb.getWorksheet('案件明细')!;
    expect((list.getRow(1).values as unknown[]).slice(1, 12)).toContain('上报时间');
    const svc = cases().service;
    let checked = 0;
    list.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.values as unknown[];
      const c = svc.get(String(v[1]))!;
      expect(v[10]).toBe(localDateTime(c.createdAt, 'Asia/Shanghai'));
      checked++;
    });
    expect(checked).toBe(rows.reduce((s, r) => s + Number(r[2]), 0));

    // drill-down: the citizen row's 立案数 → the case list of exactly those cases
    const citizen = table.locator('tbody tr[data-key="citizen"]');
    const shown = Number(await citizen.locator('a[data-figure="registered"]').textContent());
    await citizen.locator('a[data-figure="registered"]').click();
    await p.locator('[data-testid="drill-banner"]').waitFor();
    await p.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="case-table"] tbody tr').length === n,
      shown,
    );
    const listed = await p
      .locator('[data-testid="case-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''));
    const expected = (
      svc.repo.db
        .prepare(
          `SELECT c.id FROM cases c JOIN case_events e ON e.case_id = c.id AND e.action = 'register'
           WHERE c.source = 'citizen' AND c.status != 'cancelled' ORDER BY c.id`,
        )
        .pluck()
        .all() as string[]
    ).sort();
    expect([...listed].sort()).toEqual(expected);
    expect(listed).toHaveLength(shown);
    expect(await p.locator('[data-testid="drill-banner"]').textContent()).toContain('立案数');
    await shot(p, 'stats-3-drill-down-citizen-registered-zh-CN');

    // back, then 结案数 of the whole period by street
    await p.goto(`${app.url()}/#/stats?from=${day}&to=${day}&dim=street`);
    await table.locator('tfoot a[data-figure="closed"]').waitFor();
    const closed = Number(await table.locator('tfoot a[data-figure="closed"]').textContent());
    expect(closed).toBeGreaterThan(0);
    await table.locator('tfoot a[data-figure="closed"]').click();
    await p.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="case-table"] tbody tr').length === n,
      closed,
    );
    const statuses = await p.locator('[data-testid="case-table"] tbody .badge').allTextContents();
    expect(statuses.filter((s) => s === '已结案')).toHaveLength(closed);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 90_000);
});
