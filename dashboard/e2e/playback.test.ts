/**
 * Recording and playback (回放) against a real RTSP camera (the GStreamer test server, a camera-like encode of the
 * real clip, 10 s segments), through the whole app for 3 minutes with a 1-minute retention: the index lists the
 * spans, the oldest segments are deleted on time (and those around an open case's hit are kept), a second camera is
 * held to its disk quota oldest first, a span across segment boundaries exports to one MP4 of the asked length
 * (ffprobe), byte ranges answer 206, a handler gets 403 for another unit's camera; then the playback page in chromium
 * seeks to a time and plays, at 1× and 2×. Screenshots (zh-CN) in test-output/dashboard/playback-*.png.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../app.ts';
import { CasesModule } from '../../cases/module.ts';
import { Recorder } from '../../ingest/recording/recorder.ts';
import type { Segment } from '../../ingest/ring.ts';
import { cameraClip } from '../../ingest/testing/clips.ts';
import { probeVideo } from '../../ingest/testing/probe-video.ts';
import { rtspServerAvailable, startRtspServer, type RtspTestServer } from '../../ingest/testing/rtsp-server.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir, testConfig, waitFor } from '../../kernel/testing.ts';
import type { Hit } from '../../kernel/types/index.ts';
import { login, TEST_CASES_CONFIG, TEST_USERS, PASSWORDS } from '../testing.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot } from './browser.ts';

const RUN_MS = 3 * 60_000;
const RETAIN_MS = 60_000;
const QUOTA_GB = 0.002;
const QUOTA_BYTES = QUOTA_GB * 1024 ** 3;
/** Sweep every 10 s (the segment length), polls every 2 s, plus scheduling slack on a loaded machine. */
const LATE_MS = 10_000 + 2000 + 5000;

function hit(id: string, cameraId: string, category: string, start: number, lastSeen: number): Hit {
  return {
    id,
    rule: category === '05-04' ? 'vending' : 'litter',
    category,
    cameraId,
    zoneId: `${cameraId}-zone`,
    start,
    lastSeen,
    repeat: 1,
    region: { x1: 0.3, y1: 0.3, x2: 0.7, y2: 0.9 },
    boxes: [],
    evidence: [],
  };
}

describe.skipIf(!rtspServerAvailable())('recording and playback with a real RTSP camera', () => {
  let server: RtspTestServer;
  let app: App;
  let browser: Browser | undefined;
  let t0 = 0;
  const seen = new Map<string, Segment>();
  const deletedAt = new Map<string, number>();
  const quotaViolations: string[] = [];
  let hitsAt = 0;

  const recorder = (): Recorder => app.components.find((c): c is Recorder => c instanceof Recorder)!;
  const onDisk = (cam: string): Segment[] => {
    const ring = app.components.find((c) => c.name === 'cameras') as unknown as {
      ring: { segments(id: string): Segment[] };
    };
    return ring.ring.segments(cam);
  };

  beforeAll(async () => {
    const file = await cameraClip({ width: 640, height: 360, fps: 10, gopSeconds: 1, seconds: 12 });
    server = await startRtspServer({ file, mounts: 2 });
    const record = { mode: 'continuous', retainMinutes: 1, quotaGb: 10 };
    const loaded = testConfig({
      dataDir: tempDir('gw-playback-'),
      users: TEST_USERS,
      cases: TEST_CASES_CONFIG,
      media: { enabled: false, segmentSeconds: 10, retentionMinutes: 1 },
      cameras: [
        { id: 'cam-a', name: '人民路东口', source: server.url(1), fps: 1, width: 320, record },
        {
          id: 'cam-b',
          name: '解放路垃圾点',
          source: server.url(2),
          fps: 1,
          width: 320,
          record: { mode: 'continuous', retainDays: 1, quotaGb: QUOTA_GB },
        },
      ],
    });
    app = await startApp({ loaded, log: silentLogger() });
    t0 = Date.now();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.stop();
  });

  it(
    'records 3 minutes: spans indexed, oldest deleted after 1 minute, quota held, open-case evidence kept',
    async () => {
      const poll = (): void => {
        const now = Date.now();
        const files = onDisk('cam-a');
        for (const s of files) seen.set(s.file, s);
        for (const [f] of seen) if (!deletedAt.has(f) && !files.some((s) => s.file === f)) deletedAt.set(f, now);
        const b = onDisk('cam-b');
        const older = b.slice(0, -1).reduce((sum, s) => sum + s.bytes, 0);
        // a sweep every 10 s: at most one more segment may have closed since the last one
        if (hitsAt === 0 && older > QUOTA_BYTES + (b.at(-2)?.bytes ?? 0)) quotaViolations.push(`${older} bytes`);
      };
      while (Date.now() - t0 < RUN_MS) {
        poll();
        if (hitsAt === 0 && Date.now() - t0 > 130_000) {
          // open cases on both cameras: 05-04 → squad (cam-a), 01-02 → sanitation (cam-b)
          hitsAt = Date.now();
          app.ctx.bus.emit('hit', { phase: 'start', hit: hit('h-a', 'cam-a', '05-04', hitsAt - 10_000, hitsAt) });
          app.ctx.bus.emit('hit', { phase: 'start', hit: hit('h-b', 'cam-b', '01-02', hitsAt - 10_000, hitsAt) });
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
      poll();
      const now = Date.now();
      const protectFrom = hitsAt - 10_000 - 60_000;
      // deleted on time: every segment that ended before the protected window went 60–77 s after its end
      const early = [...seen.values()].filter((s) => s.end < protectFrom && s.end + RETAIN_MS < hitsAt);
      expect(early.length).toBeGreaterThanOrEqual(4);
      for (const s of early) {
        const gone = deletedAt.get(s.file);
        expect(gone, `${path.basename(s.file)} deleted`).toBeDefined();
        expect(gone! - s.end).toBeGreaterThanOrEqual(RETAIN_MS - 2000);
        expect(gone! - s.end).toBeLessThanOrEqual(RETAIN_MS + LATE_MS);
      }
      // kept past retention because they hold the open case's hit (±60 s)
      const kept = onDisk('cam-a').filter((s) => s.end < now - RETAIN_MS - LATE_MS);
      expect(kept.length).toBeGreaterThanOrEqual(1);
      for (const s of kept) expect(s.end).toBeGreaterThan(protectFrom);
      // the index matches the disk and the API lists one span up to about now
      const files = onDisk('cam-a').map((s) => s.file);
      expect(
        recorder()
          .segments('cam-a')
          .map((s) => s.file),
      ).toEqual(files);
      const operator = await login(app.url(), 'operator');
      const res = await operator.fetch(`/api/recordings/cam-a?from=${t0 - 60_000}&to=${now + 60_000}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { spans: { start: number; end: number }[]; hits: unknown[]; cases: unknown[] };
      expect(body.spans.length).toBeGreaterThanOrEqual(1);
      expect(body.spans[0]!.start).toBe(onDisk('cam-a')[0]!.start);
      expect(now - body.spans.at(-1)!.end).toBeLessThan(15_000);
      expect(body.hits).toHaveLength(1);
      expect(body.cases).toHaveLength(1);
      // quota: cam-b (1-day retention) was held to 2 MB by deleting its oldest segments
      expect(quotaViolations).toEqual([]);
      const b = onDisk('cam-b');
      expect(b[0]!.start).toBeGreaterThan(t0 + 60_000);
      // after the hit, what is over the quota is the open case's evidence (hit ±60 s), nothing else
      const bFree = b.slice(0, -1).filter((s) => s.end <= protectFrom || s.start >= hitsAt + 60_000);
      expect(bFree.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThanOrEqual(QUOTA_BYTES);
      expect(recorder().health().stats?.deleted).toBeGreaterThan(10);
      const health = recorder().recordingHealth('cam-a')!;
      expect(health.ratio).toBeGreaterThan(0.9);
      writeFileSync(
        path.join(app.ctx.dataDir, 'summary.json'),
        JSON.stringify({ early: early.length, kept: kept.length, b: b.length, health }),
      );
      console.log(
        `recording: ${seen.size} cam-a segments seen, ${early.length} deleted on time, ${kept.length} kept for ` +
          `the open case; cam-b ${b.length} segments, ${b.reduce((s, x) => s + x.bytes, 0)} bytes (quota ` +
          `${QUOTA_BYTES}: held before the hit, the rest is the open case's evidence); health ` +
          JSON.stringify(health),
      );
    },
    RUN_MS + 60_000,
  );

  it('exports a span across segments to one MP4 of that length; byte ranges; 403 for other units', async () => {
    const segs = onDisk('cam-a');
    const from = segs.at(-4)!.start + 3000;
    const to = from + 25_000; // crosses two or three segment boundaries
    expect(segs.filter((s) => s.start > from && s.start < to).length).toBeGreaterThanOrEqual(2);
    const operator = await login(app.url(), 'operator');
    const exp = await operator.fetch('/api/recordings/cam-a/export', { method: 'POST', json: { from, to } });
    expect(exp.status).toBe(201);
    const { url } = (await exp.json()) as { url: string };
    const mp4 = await operator.fetch(url);
    const out = path.join(tempDir('gw-export-'), 'span.mp4');
    writeFileSync(out, Buffer.from(await mp4.arrayBuffer()));
    const info = await probeVideo(out);
    expect(info).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(Math.abs(info.duration - 25)).toBeLessThanOrEqual(1);
    console.log(`export: ${path.basename(url)} ffprobe duration ${info.duration} s for a 25 s span`);

    const ranged = await operator.fetch(`/api/recordings/cam-a/video?from=${from}&to=${to}`, {
      headers: { Range: 'bytes=0-1023' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 0-1023\/\d+$/);
    expect((await ranged.arrayBuffer()).byteLength).toBe(1024);

    // the handler (unit squad) may play cam-a around their case, never cam-b (a sanitation case) nor far from it
    const handler = await login(app.url(), 'handler');
    const around = hitsAt - 30_000;
    const own = await handler.fetch(`/api/recordings/cam-a/video?from=${around}&to=${around + 10_000}`, {
      headers: { Range: 'bytes=100-199' },
    });
    expect(own.status).toBe(206);
    await own.arrayBuffer();
    for (const p of [
      `/api/recordings/cam-b/video?from=${around}&to=${around + 10_000}`,
      `/api/recordings/cam-b?from=${around}&to=${around + 10_000}`,
      `/api/recordings/cam-a/video?from=${around - 3_600_000}&to=${around - 3_590_000}`,
    ]) {
      const r = await handler.fetch(p);
      expect(r.status, p).toBe(403);
      await r.arrayBuffer();
    }
    const list = (await (await handler.fetch('/api/recordings')).json()) as { cameras: { id: string }[] };
    expect(list.cameras.map((c) => c.id)).toEqual(['cam-a']);
    // an inspector without cases in their cells plays back nothing
    const inspector = await login(app.url(), 'inspector');
    const none = (await (await inspector.fetch('/api/recordings')).json()) as { cameras: unknown[] };
    expect(none.cameras).toEqual([]);
    const refused = await inspector.fetch(`/api/recordings/cam-a/video?from=${around}&to=${around + 10_000}`);
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
  }, 60_000);

  it('plays back in chromium: seek to a time, video advances at 1× and 2×', async () => {
    await ensureWebBuild();
    browser = await launchBrowser();
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'operator', PASSWORDS.operator);
    // the camera wall shows each recorded camera's health, linking to its playback
    await page.locator('[data-testid="tile-recording"]').first().waitFor();
    expect(await page.locator('[data-testid="tile-recording"]').first().textContent()).toMatch(/录像 \d/);
    await shot(page, 'playback-0-camera-wall');
    const at = onDisk('cam-a').at(-5)!.start + 2000;
    await page.goto(`${app.url()}/#/playback/cam-a?t=${at}`);
    await page.locator('.pb-span').first().waitFor();
    await shot(page, 'playback-1-timeline');
    await page.click('button[name=play-at]');
    const video = page.locator('.pb-player video');
    await video.waitFor();
    const time = (): Promise<number> => video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await waitFor(async () => (await time()) > 1, 20_000);
    const a = await time();
    await new Promise((r) => setTimeout(r, 3000));
    const b = await time();
    expect(b - a).toBeGreaterThan(1.5);
    // the shown position is the seeked time plus what has played
    const from = Number(await video.getAttribute('data-from'));
    expect(Math.abs(from - at)).toBeLessThan(1500);
    await shot(page, 'playback-2-playing');
    await page.click('button[name=speed-2]');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(2);
    const c = await time();
    const wall = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    const d = await time();
    const rate = (d - c) / ((Date.now() - wall) / 1000);
    console.log(`playback: 1× advanced ${(b - a).toFixed(2)} s in 3 s; 2× rate ${rate.toFixed(2)}`);
    expect(rate).toBeGreaterThan(1.4);
    await shot(page, 'playback-3-speed-2x');

    // from the case: its 回放 link opens the page on the case's camera and time; the export lands on the case
    const cases = app.components.find((x): x is CasesModule => x instanceof CasesModule)!;
    const caseId = cases.service.repo.caseIdByRef('hit:h-a')!;
    await page.goto(`${app.url()}/#/cases/${encodeURIComponent(caseId)}`);
    await page.click('[data-testid="case-playback"]');
    await page.locator('.pb-span').first().waitFor();
    expect(page.url()).toContain(`case=${encodeURIComponent(caseId)}`);
    await page.click('button[name=play-at]');
    await waitFor(async () => (await time()) > 0.5, 20_000);
    await page.fill('.pb-export input[name=seconds]', '10');
    expect(await page.locator('.pb-export select[name=case]').inputValue()).toBe(caseId);
    await page.click('.pb-export button[type=submit]');
    await page.locator('[data-testid="exported"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="exported"]').textContent()).toContain(caseId);
    await shot(page, 'playback-4-exported-to-case');
    const clips = cases.service.get(caseId)!.evidence.filter((e) => e.kind === 'clip' && e.mime === 'video/mp4');
    expect(clips).toHaveLength(1);
    // the reports page lists the recording health per camera
    await page.goto(`${app.url()}/#/reports`);
    // (before the answer arrives the table shows one "no data" row)
    await page.locator('[data-testid="recording-table"] tbody a').first().waitFor();
    expect(await page.locator('[data-testid="recording-table"] tbody tr').count()).toBe(2);
    // what the quota deleted is not a blind spot: cam-b is complete since then
    expect(recorder().recordingHealth('cam-b')!.gaps).toEqual([]);
    await page.locator('[data-testid="recording-table"]').scrollIntoViewIfNeeded();
    await shot(page, 'playback-5-reports-recording-health');
    expect(errors).toEqual([]);
  }, 120_000);
});
