/**
 * Live view (issue #14 findings 1 and 5, media side), against a real gridwatch with the street-cart camera (relayed by
 * gridwatch itself):
 * - a viewer's play URL (a handler gets them too) used to publish replaced the camera for every viewer: refused, the
 *   real relay keeps running and viewers see the camera, not the attacker's test pattern;
 * - a play URL stops working at logout (a stream playing on it is cut off) and after its expiry;
 * - silent RTMP and HTTP-FLV connections are closed after the handshake timeout; the (cap+1)-th connection from one
 *   address is refused at once; the relay keeps flowing meanwhile, /api/health stays fast.
 * Uses the defaults of media.connections (handshake 10 s, 64 per address) so the same file runs on older code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { recorder } from './figures.ts';
import { startTarget, type Client, type Target } from './harness.ts';
import { closedWithin, exitsWithin, flvSize, publishTestPattern, readFor, silentSocket } from './net.ts';

const fig = recorder(import.meta.filename);
let target: Target;

beforeAll(async () => {
  target = await startTarget({ cameras: 'one', patch: { media: { playTtlSeconds: 10 } } });
});
afterAll(async () => target?.stop());

interface CameraView {
  readonly id: string;
  readonly live?: { readonly flv: string; readonly ws: string; readonly expiresAt: number };
}

async function liveUrl(c: Client): Promise<string> {
  const res = await c.fetch('/api/cameras');
  expect(res.status).toBe(200);
  const { cameras } = (await res.json()) as { cameras: CameraView[] };
  const flv = cameras.find((x) => x.id === 'cam-cart')?.live?.flv;
  if (!flv) throw new Error('cam-cart has no live URL');
  return flv;
}

async function mediaStats(admin: Client): Promise<Record<string, number>> {
  const h = (await (await admin.fetch('/api/health')).json()) as {
    components: Record<string, { stats?: Record<string, number> }>;
  };
  return h.components.media?.stats ?? {};
}

/** FLV bytes of the camera, waiting for the on-demand relay to start. */
async function watch(url: string, minBytes = 5000): Promise<Buffer> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const body = await readFor(url, 4000);
    if (body.length >= minBytes || Date.now() > deadline) return body;
  }
}

describe('a viewer’s play URL does not publish', () => {
  it('publishing with a handler’s play credential is refused; the real relay goes on the air', async () => {
    const handler = await target.login('handler');
    const play = new URL(await liveUrl(handler));
    // nobody watches yet: before the fix this publish went on the air and viewers got the test pattern
    const rogue = publishTestPattern(`rtmp://127.0.0.1:${target.ports.rtmp}/live/cam-cart${play.search}`);
    const refused = await exitsWithin(rogue, 15_000);
    if (!refused) rogue.kill('SIGKILL');
    expect(fig.attack('publish to a camera stream with a play URL', refused)).toBe(true);

    const operator = await target.login('operator');
    const body = await watch(await liveUrl(operator));
    expect(body.subarray(0, 3).toString()).toBe('FLV');
    const size = await flvSize(body);
    expect(fig.attack('viewers get the camera, not the attacker’s pattern', size !== '320x240')).toBe(true);

    // while the relay publishes, another attempt with the play credential neither replaces nor breaks it
    const watching = readFor(await liveUrl(operator), 12_000);
    const second = publishTestPattern(`rtmp://127.0.0.1:${target.ports.rtmp}/live/cam-cart${play.search}`);
    const refusedAgain = await exitsWithin(second, 15_000);
    if (!refusedAgain) second.kill('SIGKILL');
    expect(fig.attack('publish with a play URL while the relay is live', refusedAgain)).toBe(true);
    expect((await watching).length).toBeGreaterThan(5000);
  });
});

describe('play URLs are bound to the session', () => {
  it('stop working at logout, and a stream playing on one is cut off', async () => {
    const operator = await target.login('operator');
    const url = await liveUrl(operator);
    expect((await watch(url)).length).toBeGreaterThan(5000);
    let received = 0;
    let ended = false;
    const playing = fetch(url).then(async (res) => {
      const reader = res.body?.getReader();
      for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) received += r.value.length;
      ended = true;
    });
    const t0 = Date.now();
    while (received < 5000 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect((await operator.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    const t1 = Date.now();
    while (!ended && Date.now() - t1 < 8000) await new Promise((r) => setTimeout(r, 100));
    expect(fig.attack('a live view goes on after logout', ended)).toBe(true);
    if (!ended) void playing.catch(() => undefined);
    const after = await readFor(url, 3000);
    expect(fig.attack('play URL used after logout', after.length === 0)).toBe(true);
  });

  it('stop working after their expiry (media.playTtlSeconds: 10 here)', async () => {
    const regulator = await target.login('regulator');
    const url = await liveUrl(regulator);
    await new Promise((r) => setTimeout(r, 11_000));
    const after = await readFor(url, 3000);
    expect(fig.attack('play URL used after its expiry', after.length === 0)).toBe(true);
  });
});

describe('connection limits on the media listeners', () => {
  it('closes silent connections, refuses the (cap+1)-th from one address; the relay keeps flowing', async () => {
    const operator = await target.login('operator');
    const admin = await target.login('admin');
    const url = await liveUrl(operator);
    await watch(url);
    const { result, latency } = await target.healthDuring(async () => {
      const silent: Socket[] = [];
      for (let i = 0; i < 64; i++) silent.push(await silentSocket(target.ports.rtmp, '127.0.0.2'));
      const surplus = await silentSocket(target.ports.rtmp, '127.0.0.2');
      const surplusRefused = await closedWithin(surplus, 3000);
      const flvSilent = await silentSocket(target.ports.flv, '127.0.0.3');
      const viewing = await readFor(await liveUrl(operator), 3000);
      const closed = await Promise.all([...silent, flvSilent].map((s) => closedWithin(s, 25_000)));
      for (const s of [...silent, flvSilent, surplus]) s.destroy();
      return { surplusRefused, viewing: viewing.length, closed: closed.filter(Boolean).length };
    });
    fig.latency('/api/health during 65 silent media connections', latency);
    expect(fig.attack('65th RTMP connection from one address', result.surplusRefused)).toBe(true);
    expect(fig.attack('64 silent RTMP + 1 HTTP-FLV connections held open', result.closed === 65)).toBe(true);
    expect(result.viewing).toBeGreaterThan(5000);
    expect((await watch(await liveUrl(operator))).length).toBeGreaterThan(5000); // a fresh URL: this one expired
    expect(await mediaStats(admin)).toMatchObject({ 'rtmp.refused': 1 });
    expect(latency.p99).toBeLessThan(100);
  });
});
