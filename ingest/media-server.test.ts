/**
 * The embedded node-media-server, for real: ffmpeg pushes RTMP into it with the stream's publish key and HTTP-FLV /
 * WS-FLV come back out with a session-bound play token; neither works without its credential, a play token never
 * publishes, logout and expiry end a live view; an RTSP camera is relayed in only while someone watches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { CameraManager } from './manager.ts';
import { MediaServer } from './media-server.ts';
import { freePort } from './probe.ts';
import { ingestContext } from './testing/context.ts';
import { probeVideo } from './testing/probe-video.ts';
import { parkingClip, rtspServerAvailable, startRtspServer, type RtspTestServer } from './testing/rtsp-server.ts';

/** Bytes of an HTTP response body read for at most `ms`. */
async function readFor(url: string, ms: number): Promise<Buffer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const chunks: Buffer[] = [];
  try {
    const res = await fetch(url, { signal: abort.signal });
    const reader = res.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) chunks.push(Buffer.from(r.value));
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

function push(url: string): ChildProcess {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-stream_loop',
    '-1',
    '-i',
    parkingClip,
    '-c',
    'copy',
    '-f',
    'flv',
    url,
  ];
  return spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const exited = (p: ChildProcess): Promise<number | null> => new Promise((r) => p.once('exit', (code) => r(code)));

describe.skipIf(!rtspServerAvailable())('MediaServer (node-media-server 4.4.3, real ffmpeg)', () => {
  let rtsp: RtspTestServer;
  let media: MediaServer;
  const procs: ChildProcess[] = [];

  let pushSource = '';
  let ctx: ReturnType<typeof ingestContext>;
  beforeAll(async () => {
    rtsp = await startRtspServer();
    const rtmpPort = await freePort();
    pushSource = `rtmp://127.0.0.1:${rtmpPort}/live/pushed`;
    ctx = ingestContext({
      media: {
        enabled: true,
        rtmpPort,
        httpPort: 0,
        connections: { maxPerAddress: 6, handshakeSeconds: 5, idleSeconds: 15 },
      },
      cameras: [
        { id: 'gate.north', source: rtsp.url() },
        { id: 'pushcam', source: pushSource, enabled: true },
      ],
    });
    media = new MediaServer(ctx, { relayLingerMs: 300 });
    await media.start();
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await media?.stop();
    await rtsp?.stop();
  });

  it('takes an RTMP push with its key and plays it back with a play token; no token, no bytes', async () => {
    const pusher = push(media.publishUrl('/live/pushed'));
    procs.push(pusher);
    const urls = media.playUrls('pushcam', 'session-1');
    expect(urls?.flv).toMatch(/\/live\/pushed\.flv\?token=[\w-]{32}$/);
    let body: Buffer = Buffer.alloc(0);
    await waitFor(
      async () => {
        body = await readFor(urls?.flv ?? '', 1500);
        return body.length > 20_000;
      },
      20_000,
      200,
    );
    expect(body.subarray(0, 3).toString()).toBe('FLV');

    const base = `http://127.0.0.1:${media.httpPort}/live/pushed.flv`;
    expect((await readFor(base, 1500)).length).toBe(0);
    expect((await readFor(`${base}?token=guessed-token-guessed-token-guess`, 1000)).length).toBe(0);
    const key = media.publishUrl('/live/pushed').replace(/^.*\?key=/, '');
    expect((await readFor(`${base}?key=${key}`, 1000)).length).toBe(0); // a publish key does not play either

    const ws = new WebSocket(urls?.ws ?? '');
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (d: Buffer) => resolve(Buffer.from(d)));
      ws.once('error', reject);
    });
    ws.close();
    expect(first.subarray(0, 3).toString()).toBe('FLV');
    expect(media.health()).toMatchObject({ state: 'ok', stats: { liveStreams: 1 } });
  });

  it('a play token cannot publish; logout ends the live view and its token; an expired one plays nothing', async () => {
    const urls = media.playUrls('pushcam', 'session-2');
    const token = urls?.flv.replace(/^.*\?token=/, '') ?? '';
    const rogue = push(`rtmp://127.0.0.1:${media.rtmpPort}/live/pushed?token=${token}&key=${token}`);
    procs.push(rogue);
    expect(await exited(rogue)).not.toBe(0);
    // the real publisher is still the one on the air
    expect((await readFor(urls?.flv ?? '', 1500)).length).toBeGreaterThan(5000);

    // a viewer watching when its session ends is cut off, and the URL stops working
    let received = 0;
    const watching = fetch(urls?.flv ?? '').then(async (res) => {
      const reader = res.body?.getReader();
      for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) received += r.value.length;
    });
    await waitFor(() => received > 5000, 10_000);
    ctx.bus.emit('session.ended', { sessionId: 'session-2' });
    await watching;
    expect((await readFor(urls?.flv ?? '', 1000)).length).toBe(0);

    const short = media.playUrls('pushcam', 'session-3', 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await readFor(short?.flv ?? '', 1000)).length).toBe(0);
    expect(media.health().stats).toMatchObject({ publishRefused: 1, playsRevoked: 1 });
  });

  it('closes silent connections on both listeners, refuses the (cap+1)-th per address; stream plays on', async () => {
    const open = (port: number): Promise<Socket> =>
      new Promise((resolve) => {
        const sock = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' }, () => resolve(sock));
        sock.on('error', () => undefined);
      });
    const gone = (sock: Socket) => new Promise<void>((r) => (sock.destroyed ? r() : sock.once('close', () => r())));
    const silent = await Promise.all([1, 2, 3, 4, 5, 6].map(() => open(media.rtmpPort)));
    const seventh = await open(media.rtmpPort);
    await gone(seventh);
    const flvSilent = await open(media.httpPort);
    const urls = media.playUrls('pushcam', 'session-5');
    expect((await readFor(urls?.flv ?? '', 1500)).length).toBeGreaterThan(5000);
    await Promise.all([...silent, flvSilent].map(gone));
    expect(media.health().stats).toMatchObject({
      'rtmp.refused': 1,
      'rtmp.handshakeClosed': 6,
      'http.handshakeClosed': 1,
    });
    expect((await readFor(urls?.flv ?? '', 1500)).length).toBeGreaterThan(5000);
  });

  it('lets a camera that pushes RTMP into it be analysed (the ingest pulls with a service token)', async () => {
    const camCtx = ingestContext({ cameras: [{ id: 'pushcam', source: pushSource, fps: 2, width: 320 }] });
    const manager = new CameraManager(camCtx, { onFrame: () => undefined, media });
    await manager.start();
    try {
      await waitFor(() => manager.latestFrame('pushcam') !== undefined, 20_000);
      expect(manager.latestFrame('pushcam')).toMatchObject({ width: 320, height: 180 });
    } finally {
      await manager.stop();
    }
  });

  it('refuses a publish without a key', async () => {
    const pusher = push(`rtmp://127.0.0.1:${media.rtmpPort}/live/rogue`);
    procs.push(pusher);
    expect(await exited(pusher)).not.toBe(0);
    expect((await readFor(`http://127.0.0.1:${media.httpPort}/live/rogue.flv`, 500)).length).toBe(0);
  });

  it('relays an RTSP camera only while someone watches it', async () => {
    expect(media.relaying()).toEqual([]);
    const urls = media.playUrls('gate.north', 'session-4');
    expect(urls?.flv).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live\/gate_north\.flv\?token=[\w-]{32}$/);
    expect(urls?.ws.startsWith('ws://')).toBe(true);
    expect(media.playUrls('nope', 'session-4')).toBeUndefined();
    // Viewers without a token never start a relay.
    await readFor(urls?.flv.replace(/\?.*$/, '') ?? '', 500);
    expect(media.relaying()).toEqual([]);

    const watching = readFor(urls?.flv ?? '', 6000);
    await waitFor(() => media.relaying().includes('gate.north'), 3000);
    const body = await watching;
    expect(body.subarray(0, 3).toString()).toBe('FLV');
    expect(body.length).toBeGreaterThan(5000);
    const file = path.join(tempDir(), 'relayed.flv');
    writeFileSync(file, body);
    expect(await probeVideo(file)).toMatchObject({ codec: 'h264', width: 768, height: 432 });
    await waitFor(() => media.relaying().length === 0, 5000);
  });
});
