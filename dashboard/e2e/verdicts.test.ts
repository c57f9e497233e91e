/**
 * Verdicts end to end, in Debian's chromium (zh-CN), on the demo's street-cart camera running for real: the looped
 * demo video (cart 40 s, gone 50 s) → ffmpeg → YOLOX-Nano → vending rule → hits → cases → the dashboard.
 * The operator marks the first cart alert 误报 (wrong object): its dispatched case ends 作废 with the reason in the
 * timeline; when the cart comes back in the next loop the finding is kept as a suppressed hit and opens no case;
 * lifting the mask in the zone editor brings the case back; the handler's feedback after the cart left is closed by
 * the camera re-check (window ≥ 30 s, ≥ 5 frames) with no 返工; the reports page shows the precision table.
 * Screenshots: test-output/dashboard/v*.png.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../app.ts';
import type { HitEvent } from '../../kernel/bus.ts';
import { CasesModule } from '../../cases/module.ts';
import { demoConfigFile } from '../../demo/index.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { silentLogger } from '../../kernel/log.ts';
import { runCli, tempDir, waitFor } from '../../kernel/testing.ts';
import type { Case } from '../../kernel/types/index.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS } from './demo-app.ts';

let app: App;
let browser: Browser;
const hits: HitEvent[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  const loaded = loadConfigFile(demoConfigFile);
  const c = loaded.config;
  const { replay: _fleet, ...mqtt } = c.mqtt;
  const config = {
    ...c,
    dataDir: tempDir('gw-e2e-verdicts-'),
    log: { level: 'silent' as const },
    server: { ...c.server, port: 0 },
    mqtt: { ...mqtt, port: 0 } as typeof c.mqtt,
    media: { ...c.media, enabled: false },
    cameras: c.cameras.filter((cam) => cam.id === 'cam-cart'),
    zones: c.zones.filter((z) => z.camera === 'cam-cart'),
    vehicles: [],
  };
  app = await startApp({ loaded: { ...loaded, config }, log: silentLogger() });
  app.ctx.bus.on('hit', (e) => void hits.push(e));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** images, label files, classes in data.yaml, boxes, empty label files (hard negatives): standard library only. */
const COUNT_DATASET = `
import os, re, sys
d = sys.argv[1]
def files(kind):
    dirs = [os.path.join(d, kind, p) for p in ('train', 'val')]
    return [os.path.join(x, f) for x in dirs if os.path.isdir(x) for f in os.listdir(x)]
imgs, labs = files('images'), files('labels')
nc = int(re.search(r'^nc: (\\d+)', open(os.path.join(d, 'data.yaml')).read(), re.M).group(1))
boxes = sum(1 for f in labs for l in open(f) if l.strip())
print(len(imgs), len(labs), nc, boxes, sum(1 for f in labs if os.path.getsize(f) == 0))
`;

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;
const caseOfHit = (hitId: string): Case | undefined => {
  const id = cases().service.repo.caseIdByRef(`hit:${hitId}`);
  return id === undefined ? undefined : cases().service.get(id);
};
const allCases = (): Case[] =>
  (cases().service.repo.db.prepare('SELECT id FROM cases').pluck().all() as string[]).map(
    (id) => cases().service.get(id)!,
  );
const starts = (): HitEvent[] => hits.filter((e) => e.phase === 'start');

async function operator(): Promise<Page> {
  const { page, errors } = await newPage(browser, 'zh-CN');
  page.on('close', () => pageErrors.push(...errors));
  await logIn(page, app.url(), 'operator', DEMO_PASSWORDS.operator);
  return page;
}

describe('verdicts on the demo street-cart camera (real video, real detector)', () => {
  it('误报 → 作废 with reason; next loop suppressed; mask lifted → case; re-check closes after the cart left', async () => {
    const page = await operator();
    // 1. the first cart hit (dwell 20 s) and its automatically dispatched case
    await waitFor(() => starts().length >= 1, 120_000);
    const first = starts()[0]!.hit;
    expect(first.suppressed).toBeUndefined();
    await waitFor(() => caseOfHit(first.id) !== undefined, 10_000);
    expect(caseOfHit(first.id)!.status).toBe('dispatched');
    const card = page.locator(`[data-alert-id="hit:${first.id}"]`);
    await waitOrExplain(page, `[data-alert-id="hit:${first.id}"]`, 'v-first-alert', 15_000);
    await card.locator('.alert-open').click();
    await waitOrExplain(page, '[data-testid="verdict-panel"]', 'v-verdict-panel');
    await page.click('[data-testid="verdict-false"]');
    await page.selectOption('[data-testid="verdict-form"] select[name=reason]', 'wrong-object');
    await page.fill('[data-testid="verdict-form"] textarea[name=note]', '残疾人手推车，不是摊位');
    await shot(page, 'v1-alert-verdict-form');
    await page.click('[data-testid="verdict-submit"]');
    await waitOrExplain(page, '[data-testid="verdict-panel"][data-verdict="false"]', 'v-verdict-done');
    await shot(page, 'v2-alert-verdict-false');

    // 2. the case ended through the workflow (作废 after dispatch), the reason in its timeline; nothing deleted
    const cancelled = caseOfHit(first.id)!;
    expect(cancelled.status).toBe('cancelled');
    const last = cases().service.timeline(cancelled.id).at(-1)!;
    expect(last).toMatchObject({ action: 'cancel', actor: 'operator', to: 'cancelled' });
    expect(last.reason).toBe('误报（识别对象错误）：残疾人手推车，不是摊位');
    await page.goto(`${app.url()}/#/cases/${cancelled.id}`);
    await waitOrExplain(page, '.case-detail[data-status="cancelled"]', 'v-case-cancelled');
    expect(await page.locator('.case-detail').textContent()).toContain('误报（识别对象错误）：残疾人手推车，不是摊位');
    await page.locator('[data-testid="timeline"] li.tl-cancel').scrollIntoViewIfNeeded();
    await shot(page, 'v3-case-cancelled-timeline');

    // 3. the next loop: the cart comes back at the same spot → a suppressed hit, no new case
    await waitFor(() => starts().length >= 2, 150_000);
    const second = starts()[1]!.hit;
    expect(second.suppressed?.maskId).toBeDefined();
    expect(caseOfHit(second.id)).toBeUndefined();
    expect(allCases().map((c) => c.status)).toEqual(['cancelled']);
    await page.goto(`${app.url()}/#/monitor`);
    await waitOrExplain(page, `[data-alert-id="hit:${second.id}"] [data-testid="suppressed-badge"]`, 'v-suppressed');
    await page.locator(`[data-alert-id="hit:${second.id}"] .alert-open`).click();
    await waitOrExplain(page, '[data-testid="verdict-panel"]', 'v-suppressed-detail');
    await shot(page, 'v4-alert-suppressed');

    // 4. the zone editor shows the mask over the picture and the suppressed finding; thresholds in the form
    await page.goto(`${app.url()}/#/zones/cam-cart`);
    await waitOrExplain(page, '[data-testid="mask-list"] li[data-mask]', 'v-mask-list');
    expect(await page.locator('svg rect.mask').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="mask-suppressed"]').textContent()).toContain('1');
    await page.locator('.zone-side .list-item').first().click();
    await waitOrExplain(page, '[data-testid="zone-form"] input[name=minScore]', 'v-thresholds');
    await shot(page, 'v5-zone-editor-mask');
    await page.locator('[data-testid="zone-form"] fieldset.thresholds').scrollIntoViewIfNeeded();
    await shot(page, 'v5b-zone-editor-thresholds');

    // 5. lifting the mask: the cart still there → the ongoing hit goes on unsuppressed and its case opens
    await page.click('[data-testid="lift-mask"]');
    await waitFor(() => caseOfHit(second.id) !== undefined, 30_000);
    await expect.poll(() => page.locator('svg rect.mask').count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'v6-zone-editor-mask-lifted');
    const back = caseOfHit(second.id)!;
    expect(back.status).toBe('dispatched');

    // 6. the handler reports it handled once the cart has left (40 s after it came); the camera re-check watches
    //    ≥ 30 s and closes it; no 返工 within 5 s (nor later)
    const leaves = second.start + 42_000;
    await waitFor(() => Date.now() >= leaves, 90_000);
    const handler = { id: 'handler', role: 'handler' as const, unit: 'urban-mgmt-squad' };
    expect(cases().service.act(back.id, { action: 'accept' }, handler).ok).toBe(true);
    expect(cases().service.act(back.id, { action: 'handle', reason: '已劝离，手推车已离开' }, handler).ok).toBe(true);
    const fedBack = Date.now();
    await new Promise((r) => setTimeout(r, 5000));
    expect(cases().service.get(back.id)!.status).toBe('handled');
    await waitFor(() => cases().service.get(back.id)!.status !== 'handled', 90_000);
    const tl = cases().service.timeline(back.id);
    expect(tl.filter((e) => e.action === 'rework')).toEqual([]);
    const closed = tl.find((e) => e.action === 'verify')!;
    expect(closed).toMatchObject({ actor: 'system:auto', to: 'closed' });
    expect(closed.reason).toMatch(/^摄像头复核通过：原问题位置(3\d|[4-9]\d) 秒内的 \d+ 帧中有 0 帧仍发现问题$/);
    expect(closed.ts - fedBack).toBeGreaterThanOrEqual(30_000);
    await page.goto(`${app.url()}/#/cases/${back.id}`);
    await waitOrExplain(page, '.case-detail[data-status="closed"]', 'v-case-closed');
    await page.locator('[data-testid="timeline"] li.tl-verify').scrollIntoViewIfNeeded();
    await shot(page, 'v7-case-closed-by-recheck');

    // 7. the reports page: confirmed / false / unjudged and 误报率 per camera, zone and rule
    await page.goto(`${app.url()}/#/reports`);
    await waitOrExplain(page, '[data-testid="precision-table"] tbody tr', 'v-precision');
    const row = await page.locator('[data-testid="precision-table"] tbody tr').first().textContent();
    expect(row).toContain('cart-sidewalk');
    expect(row).toContain('100');
    await page.locator('[data-testid="precision-table"]').scrollIntoViewIfNeeded();
    await shot(page, 'v8-reports-precision');
    await page.close();
    expect(pageErrors).toEqual([]);

    // 8. the judged hits as a training set (误报 → hard negative, 确认 → positive): python3's standard library counts it
    const judge = { id: 'operator', role: 'operator' as const };
    expect(cases().verdicts.judgeHit(second.id, { verdict: 'confirmed' }, judge).ok).toBe(true);
    const out = path.join(tempDir('gw-e2e-dataset-'), 'dataset');
    const exported = await runCli(['dataset', 'export', '--data', app.ctx.dataDir, '--out', out], 120_000);
    expect(exported.code, exported.stderr).toBe(0);
    const counted = execFileSync('python3', ['-c', COUNT_DATASET, out], { encoding: 'utf8' }).trim().split(' ');
    const [images, labels, classes, boxes, negatives] = counted.map(Number);
    expect({ images, labels, negatives }).toEqual({ images: 2, labels: 2, negatives: 1 });
    expect(classes).toBeGreaterThan(0);
    expect(boxes).toBeGreaterThan(0);
  }, 420_000);
});
