/**
 * Recording and keyframe-only decoding against a real RTSP camera serving a camera-like encode of the real clip
 * (640×360, 10 fps, 1 s GOP, no B-frames): the ring, a clip cut from it, a recording write failure.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { Frame } from '../kernel/types/index.ts';
import { CameraManager } from './manager.ts';
import { cameraClip } from './testing/clips.ts';
import { ingestContext } from './testing/context.ts';
import { probeVideo } from './testing/probe-video.ts';
import { rtspServerAvailable, startRtspServer, type RtspTestServer } from './testing/rtsp-server.ts';

describe.skipIf(!rtspServerAvailable())('recording ring and keyframe-only decoding (real RTSP server)', () => {
  let server: RtspTestServer;
  let manager: CameraManager;
  const frames: Frame[] = [];

  beforeAll(async () => {
    const file = await cameraClip({ width: 640, height: 360, fps: 10, gopSeconds: 1, seconds: 12 });
    server = await startRtspServer({ file });
    const ctx = ingestContext({
      media: { enabled: false, segmentSeconds: 2 },
      cameras: [
        { id: 'full', source: server.url(), fps: 2, width: 320 },
        { id: 'key', source: server.url(), fps: 1, width: 320, keyframesOnly: true, record: false },
      ],
    });
    manager = new CameraManager(ctx, { onFrame: (f) => void frames.push(f) });
    await manager.start();
    await waitFor(() => manager.statuses().every((s) => s.state === 'online'), 20_000);
  });
  afterAll(async () => {
    await manager?.stop();
    await server?.stop();
  });

  it('decodes keyframes only at the GOP rate, capped at the analysis rate', async () => {
    // Waits for frames rather than a fixed time: a loaded CI box may start the second camera late. The rate is
    // taken over the last six intervals (arrival times), after the test server's start-up seek.
    const keyFrames = () => frames.filter((f) => f.cameraId === 'key');
    await waitFor(() => keyFrames().length >= 8, 30_000);
    const last = keyFrames().slice(-7);
    const span = ((last.at(-1)?.ts ?? 0) - (last[0]?.ts ?? 0)) / 1000;
    expect((last.length - 1) / span).toBeGreaterThan(0.7);
    expect((last.length - 1) / span).toBeLessThan(1.2);
    expect(last.at(-1)).toMatchObject({ width: 320, height: 180 });
    expect(manager.status('key')?.fps).toBeGreaterThan(0.7);
  }, 45_000);

  it('records a ring of segments and cuts a clip of the asked span from it', async () => {
    await waitFor(() => manager.ring.segments('full').length >= 3, 15_000);
    const now = Date.now();
    const clip = await probeVideo(await manager.clip('full', now - 5000, now - 1000));
    expect(clip).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(clip.duration).toBeGreaterThan(3);
    expect(clip.duration).toBeLessThan(5.5);
  });

  it('keeps analysing when recording fails (its folder vanishes), and pauses recording', async () => {
    const dir = manager.ring.cameraDir('full');
    const restarts = manager.status('full')?.restarts ?? 0;
    rmSync(dir, { recursive: true, force: true });
    await waitFor(() => (manager.status('full')?.restarts ?? 0) > restarts, 15_000);
    expect(manager.status('full')?.error).toMatch(/segment|\.ts|trailer|No such file/i);
    await waitFor(() => manager.status('full')?.state === 'online', 15_000);
    const seen = frames.filter((f) => f.cameraId === 'full').length;
    await waitFor(() => frames.filter((f) => f.cameraId === 'full').length > seen + 2, 10_000);
    expect(existsSync(dir)).toBe(false);
    expect(manager.status('key')?.state).toBe('online');
  });
});
