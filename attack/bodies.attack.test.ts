import sharp from 'sharp';
/**
 * Finding 3: no request-body limit. An anonymous 200 MB multipart post to Open311 was read whole before the api key
 * was checked, and a photo upload buffered 200 MB before its 10 MB check. Now one limit for every route (uploads
 * their own), checked while streaming; Open311 checks the key before reading. The target's RSS must not grow by
 * more than 50 MB across these attacks, and /api/health stays fast meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, startTarget, type Target } from './harness.ts';
import { streamPost } from './stream.ts';

const fig = recorder(import.meta.filename);
const MB = 1024 * 1024;
const BIG = 200 * MB;
let target: Target;
let admin: Client;
let caseId: string;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  admin = await target.login('admin');
  const res = await admin.send('POST', '/api/cases', {
    category: '05-01',
    description: '流动摊贩',
    address: '解放路 1 号',
  });
  caseId = ((await res.json()) as { case: { id: string } }).case.id;
});
afterAll(async () => target?.stop());

const MULTIPART = 'multipart/form-data; boundary=xyz';
const part = (name: string, file = 'a.jpg', type = 'image/jpeg'): string =>
  `--xyz\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\nContent-Type: ${type}\r\n\r\n`;

/** Run the attacks while sampling the target's RSS; returns the peak. */
async function peakRssDuring(run: () => Promise<void>): Promise<number> {
  let peak = target.rssMb();
  const timer = setInterval(() => {
    peak = Math.max(peak, target.rssMb());
  }, 50);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, target.rssMb());
}

describe('oversized bodies', () => {
  it('200 MB bodies (anonymous Open311, a photo upload, login, JSON) are refused without being read', async () => {
    const before = target.rssMb();
    const attacks: [string, () => ReturnType<typeof streamPost>, number[]][] = [
      [
        'anonymous 200 MB multipart to Open311 POST (chunked)',
        () =>
          streamPost(`${target.url}/open311/v2/requests.json`, BIG, {
            headers: { 'Content-Type': MULTIPART },
            prefix: part('media'),
          }),
        [403],
      ],
      [
        'anonymous 200 MB multipart to Open311 POST (Content-Length: refused at once, 413 or closed)',
        () =>
          streamPost(`${target.url}/open311/v2/requests.json`, BIG, {
            headers: { 'Content-Type': MULTIPART },
            prefix: part('media'),
            declareLength: true,
          }),
        [403, 413, 0],
      ],
      [
        '200 MB photo upload (chunked)',
        () =>
          streamPost(`${target.url}/api/cases/${caseId}/photos`, BIG, {
            headers: { 'Content-Type': MULTIPART, Cookie: admin.cookie!, 'X-CSRF-Token': admin.csrf! },
            prefix: part('photo'),
          }),
        [413],
      ],
      [
        '200 MB photo upload (Content-Length)',
        () =>
          streamPost(`${target.url}/api/cases/${caseId}/photos`, BIG, {
            headers: { 'Content-Type': MULTIPART, Cookie: admin.cookie!, 'X-CSRF-Token': admin.csrf! },
            prefix: part('photo'),
            declareLength: true,
          }),
        [413, 0],
      ],
      [
        '200 MB JSON to the public login',
        () =>
          streamPost(`${target.url}/api/auth/login`, BIG, {
            headers: { 'Content-Type': 'application/json' },
            prefix: '{"username":"',
          }),
        [413],
      ],
      [
        '20 MB JSON zone edit as admin',
        () =>
          streamPost(`${target.url}/api/cameras/cam-cart/zones`, 20 * MB, {
            headers: { 'Content-Type': 'application/json', Cookie: admin.cookie!, 'X-CSRF-Token': admin.csrf! },
            prefix: '{"zones":[',
            method: 'PUT',
          }),
        [413],
      ],
    ];
    const results: string[] = [];
    let refused = 0;
    let rounds = 0;
    const { latency } = await target.healthDuring(async () => {
      const peak = await peakRssDuring(async () => {
        for (let round = 1; round <= 4; round++) {
          rounds = round;
          for (const [name, run, want] of attacks) {
            const r = await run();
            // 0: the server answered and closed the connection while we were still sending (we saw a reset)
            const ok = (r.status === 0 || want.includes(r.status)) && r.sent < BIG;
            if (fig.attack(`${name}, round ${round}`, ok)) refused++;
            results.push(`${name}: HTTP ${r.status} after ${(r.sent / MB).toFixed(1)} MB in ${r.ms} ms`);
            await new Promise((res) => setTimeout(res, 250)); // a longer window for the health sampler
          }
        }
      });
      fig.memory(`200 MB bodies ×${rounds * attacks.length}`, {
        beforeMb: before,
        afterMb: target.rssMb(),
        peakMb: peak,
      });
      expect(peak - before, `RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB`).toBeLessThan(50);
    });
    fig.latency('oversized bodies', latency);
    expect(refused, results.join('\n')).toBe(rounds * attacks.length);
    expect(latency.n).toBeGreaterThan(50);
    expect(latency.p99).toBeLessThan(100);
  }, 240_000);

  it('a real photo within the limit still uploads', async () => {
    // a real JPEG: photos are checked by their bytes (cases/photos.ts), so fake JPEG markers are refused
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.set('photo', new Blob([jpeg], { type: 'image/jpeg' }), 'p.jpg');
    const res = await admin.fetch(`/api/cases/${caseId}/photos`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
  });
});
