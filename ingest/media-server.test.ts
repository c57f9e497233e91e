/**
 * The embedded node-media-server, for real: ffmpeg pushes RTMP into it and HTTP-FLV / WS-FLV come back out; signatures
 * are required both ways; an RTSP camera is relayed in only while someone watches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { CameraManager } from './manager.ts';
import { MediaServer } from './media-server.ts';
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

  beforeAll(async () => {
    rtsp = await startRtspServer();
    const ctx = ingestContext({
      media: { enabled: true, rtmpPort: 0, httpPort: 0 },
      cameras: [{ id: 'gate.north', source: rtsp.url() }],
    });
    media = new MediaServer(ctx, { relayLingerMs: 300 });
    await media.start();
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await media?.stop();
    await rtsp?.stop();
  });

  it('takes a signed RTMP push, plays it back as signed HTTP-FLV and WS-FLV; unsigned play gets nothing', async () => {
    const pusher = push(media.publishUrl('/live/pushed'));
    procs.push(pusher);
    const base = `http://127.0.0.1:${media.httpPort}/live/pushed.flv`;
    const signed = media.publishUrl('/live/pushed').replace(/^.*\?/, '?');
    let body: Buffer = Buffer.alloc(0);
    await waitFor(
      async () => {
        body = await readFor(`${base}${signed}`, 1500);
        return body.length > 20_000;
      },
      20_000,
      200,
    );
    expect(body.subarray(0, 3).toString()).toBe('FLV');

    expect((await readFor(base, 1500)).length).toBe(0);
    expect((await readFor(`${base}?sign=1999999999-0123456789abcdef0123456789abcdef`, 1500)).length).toBe(0);

    const ws = new WebSocket(`ws://127.0.0.1:${media.httpPort}/live/pushed.flv${signed}`);
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (d: Buffer) => resolve(Buffer.from(d)));
      ws.once('error', reject);
    });
    ws.close();
    expect(first.subarray(0, 3).toString()).toBe('FLV');
    expect(media.health()).toMatchObject({ state: 'ok', stats: { liveStreams: 1 } });
  });

  it('lets a camera that pushes RTMP into it be analysed (the ingest signs its own pull)', async () => {
    const ctx = ingestContext({
      cameras: [{ id: 'pushcam', source: `rtmp://127.0.0.1:${media.rtmpPort}/live/pushed`, fps: 2, width: 320 }],
    });
    const manager = new CameraManager(ctx, { onFrame: () => undefined, media });
    await manager.start();
    try {
      await waitFor(() => manager.latestFrame('pushcam') !== undefined, 20_000);
      expect(manager.latestFrame('pushcam')).toMatchObject({ width: 320, height: 180 });
    } finally {
      await manager.stop();
    }
  });

  it('refuses an unsigned publish', async () => {
    const pusher = push(`rtmp://127.0.0.1:${media.rtmpPort}/live/rogue`);
    procs.push(pusher);
    expect(await exited(pusher)).not.toBe(0);
    expect((await readFor(`http://127.0.0.1:${media.httpPort}/live/rogue.flv`, 500)).length).toBe(0);
  });

  it('relays an RTSP camera only while someone watches it', async () => {
    expect(media.relaying()).toEqual([]);
    const urls = media.playUrls('gate.north');
    expect(urls?.flv).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live\/gate_north\.flv\?sign=\d+-[0-9a-f]{32}$/);
    expect(urls?.ws.startsWith('ws://')).toBe(true);
    expect(media.playUrls('nope')).toBeUndefined();
    // Unsigned viewers never start a relay.
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
