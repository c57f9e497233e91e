/**
 * The 案卷 through the running app: every field and the timeline with display names, pictures inlined as thumbnails
 * with the before/after pair, the track as SVG, A4 print CSS, nothing fetched from elsewhere; access as for the case;
 * the PDF (chromium where installed, else a clear 503) and chromium reaching no network while printing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { SYSTEM } from '../../cases/service.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { login, startDashboardApp } from '../testing.ts';
import { chromiumAvailable, htmlToPdf } from './pdf.ts';

let app: App;
let cases: CasesModule;
let shop: string;
let truck: string;
const hasChromium = chromiumAvailable();
const skipNote = hasChromium
  ? ''
  : ' — skipped: chromium is not installed (/usr/bin/chromium; scripts/setup.sh installs it)';

const jpeg = (r: number, g: number, b: number): Promise<Buffer> =>
  sharp({ create: { width: 1280, height: 720, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

beforeAll(async () => {
  app = await startDashboardApp();
  cases = app.components.find((c): c is CasesModule => c instanceof CasesModule)!;
  const store = EvidenceStore.inDataDir(app.ctx.dataDir);
  const before = await store.put(await jpeg(200, 40, 40), 'annotated', 'image/jpeg', 1_000);
  const after = await store.put(await jpeg(40, 160, 60), 'photo', 'image/jpeg', 2_000);
  const geo = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { role: 'track' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [114.25, 22.72],
            [114.252, 22.721],
            [114.254, 22.7205],
          ],
        },
      },
      { type: 'Feature', properties: { role: 'where' }, geometry: { type: 'Point', coordinates: [114.254, 22.7205] } },
    ],
  };
  const track = store.putSync(Buffer.from(JSON.stringify(geo)), 'track', 'application/geo+json', 3_000);
  const svc = cases.service;
  const c1 = svc.create(
    {
      source: 'inspector',
      category: '05-04',
      description: '商户占道摆放货物',
      address: '龙岗大道 88 号',
      evidence: [before],
    },
    { id: 'operator', role: 'operator' },
  );
  shop = c1.id;
  svc.act(shop, { action: 'register' }, { id: 'operator', role: 'operator' });
  svc.act(shop, { action: 'dispatch' }, { id: 'operator', role: 'operator' });
  svc.act(shop, { action: 'accept' }, { id: 'handler', role: 'handler', unit: 'squad' });
  svc.attach(shop, { evidence: [after] }, { id: 'handler', role: 'handler', unit: 'squad' });
  svc.act(
    shop,
    { action: 'handle', reason: '已清理，货物搬回店内' },
    { id: 'handler', role: 'handler', unit: 'squad' },
  );
  truck = svc.create(
    { source: 'vehicle', category: '01-02', description: '清扫车偏离路线', vehicleId: 'S-4', evidence: [track] },
    SYSTEM,
  ).id;
});
afterAll(async () => app?.stop());

describe('案卷 page', () => {
  it('holds every field, the timeline with display names, inlined pictures and the A4 print CSS', async () => {
    const op = await login(app.url(), 'operator', 'zh-CN');
    const res = await op.fetch(`/api/cases/${shop}/dossier`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const text of [
      shop,
      '案卷',
      '商户占道摆放货物',
      '龙岗大道 88 号',
      '城管执法中队',
      '店外经营',
      '处置前',
      '处置后',
    ])
      expect(html).toContain(text);
    expect(html).toContain('监控员 王敏');
    expect(html).toContain('执法队员 李强');
    expect(html).not.toMatch(/<td>(operator|handler)</); // display names, not login names
    expect(html).toContain('已清理，货物搬回店内');
    expect(html).toContain('@page { size: A4');
    const srcs = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThanOrEqual(3); // the pair + thumbnails
    expect(srcs.every((s) => s.startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(html).toContain("default-src 'none'; img-src data:");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("draws a vehicle case's track as SVG", async () => {
    const op = await login(app.url(), 'operator', 'zh-CN');
    const html = await (await op.fetch(`/api/cases/${truck}/dossier`)).text();
    expect(html).toMatch(/<svg[^>]*class="track-svg"/);
    expect(html).toContain('class="track"');
    expect(html).toContain('class="where"');
  });

  it("gives a handler their unit's sheet and 404 for another unit's", async () => {
    const handler = await login(app.url(), 'handler', 'zh-CN');
    expect((await handler.fetch(`/api/cases/${shop}/dossier`)).status).toBe(200);
    expect((await handler.fetch(`/api/cases/${truck}/dossier`)).status).toBe(404);
    expect((await handler.fetch(`/api/cases/${truck}/dossier.pdf`)).status).toBe(404);
  });
});

describe('案卷 PDF', () => {
  it('answers 503 naming the missing chromium where it is not installed', async () => {
    const op = await login(app.url(), 'operator', 'zh-CN');
    const saved = process.env.GRIDWATCH_CHROMIUM;
    process.env.GRIDWATCH_CHROMIUM = '/nonexistent/chromium';
    try {
      const res = await op.fetch(`/api/cases/${shop}/dossier.pdf`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('unavailable');
      expect(body.message).toContain('未安装无界面浏览器（/nonexistent/chromium）');
    } finally {
      if (saved === undefined) delete process.env.GRIDWATCH_CHROMIUM;
      else process.env.GRIDWATCH_CHROMIUM = saved;
    }
  });

  it.skipIf(!hasChromium)(
    `renders with chromium${skipNote}`,
    async () => {
      const op = await login(app.url(), 'operator', 'zh-CN');
      const res = await op.fetch(`/api/cases/${truck}/dossier.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain(`case-${truck}.pdf`);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    },
    90_000,
  );

  it.skipIf(!hasChromium)(
    `prints without touching the network${skipNote}`,
    async () => {
      let hits = 0;
      const server = createServer((_req, res) => {
        hits++;
        res.end('x');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const html =
          `<html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head><body>` +
          `<img src="http://127.0.0.1:${port}/b.png"><img src="http://localhost:${port}/c.png">` +
          `<iframe src="http://example.com/"></iframe><p>offline</p></body></html>`;
        const pdf = await htmlToPdf(html);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(hits).toBe(0);
      } finally {
        server.close();
      }
    },
    90_000,
  );
});
