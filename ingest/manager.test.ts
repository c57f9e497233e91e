/** CameraManager with real sources: bad ones fail clearly and alone; good ones give frames, snapshots and clips. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, waitFor } from '../kernel/testing.ts';
import type { CameraStatus, Frame } from '../kernel/types/index.ts';
import { freePort } from './probe.ts';
import { CameraManager } from './manager.ts';
import { ingestContext, statusLog } from './testing/context.ts';
import { probeVideo } from './testing/probe-video.ts';
import { parkingClip } from './testing/rtsp-server.ts';

describe('CameraManager with good and bad sources side by side', () => {
  const dir = tempDir();
  const notVideo = path.join(dir, 'notes.mp4');
  const truncated = path.join(dir, 'truncated.mp4');
  let manager: CameraManager;
  let events: CameraStatus[];
  const frames: Frame[] = [];

  beforeAll(async () => {
    writeFileSync(notVideo, 'this is not a video\n');
    writeFileSync(truncated, readFileSync(parkingClip).subarray(0, 300_000));
    const deadPort = await freePort();
    const ctx = ingestContext({
      media: { enabled: false, segmentSeconds: 2 },
      cameras: [
        { id: 'lot', source: 'demo/media/intel_car-detection_parkinglot_overhead.mp4', fps: 2, width: 384 },
        { id: 'cart', source: 'demo/media/detectron_street_cart_17790319373.jpg', fps: 2, width: 558, height: 300 },
        { id: 'unreachable', source: `rtsp://admin:hunter2@127.0.0.1:${deadPort}/ch1` },
        { id: 'not-video', source: notVideo },
        { id: 'truncated', source: truncated },
        { id: 'missing', source: 'demo/media/no-such-clip.mp4' },
        { id: 'ftp', source: 'ftp://127.0.0.1/cam' },
        { id: 'off', source: 'ftp://ignored', enabled: false },
      ],
    });
    events = statusLog(ctx);
    manager = new CameraManager(ctx, {
      onFrame: (f) => {
        frames.push(f);
        if (f.cameraId === 'cart' && f.seq === 1) throw new Error('a consumer that fails once');
      },
    });
    await manager.start();
    await waitFor(() => ['lot', 'cart'].every((id) => manager.status(id)?.state === 'online'), 20_000);
    await waitFor(
      () => ['unreachable', 'not-video', 'truncated', 'missing', 'ftp'].every((id) => manager.status(id)?.error),
      20_000,
    );
  });
  afterAll(() => manager?.stop());

  it('names what is wrong with each bad source and never shows a password', () => {
    const error = (id: string): string | undefined => manager.status(id)?.error;
    expect(error('unreachable')).toMatch(/^rtsp:\/\/\*\*\*@127\.0\.0\.1:\d+\/ch1: Connection refused$/);
    expect(error('not-video')).toMatch(/notes\.mp4 is not a readable video: Invalid data found when processing input/);
    expect(error('truncated')).toMatch(/truncated\.mp4 is truncated or corrupt: .*partial file/);
    expect(error('missing')).toMatch(/no-such-clip\.mp4: file not found/);
    expect(error('ftp')).toMatch(/unsupported scheme "ftp:"/);
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(events.filter((e) => e.cameraId === 'unreachable').every((e) => e.state === 'offline')).toBe(true);
    expect(manager.status('off')).toBeUndefined();
  });

  it('keeps the good cameras going at their rate and size, even past a failing consumer', async () => {
    const before = frames.filter((f) => f.cameraId === 'cart').length;
    await waitFor(() => frames.filter((f) => f.cameraId === 'cart').length - before >= 5, 15_000);
    const cart = frames.filter((f) => f.cameraId === 'cart');
    const recent = cart.slice(-5);
    const rate = (recent.length - 1) / (((recent.at(-1)?.ts ?? 0) - (recent[0]?.ts ?? 0)) / 1000);
    expect(rate).toBeGreaterThan(1);
    expect(rate).toBeLessThan(3.5);
    expect(cart.map((f) => f.seq)).toEqual(cart.map((_, i) => i));
    const lot = frames.filter((f) => f.cameraId === 'lot').at(-1);
    expect(lot && [lot.width, lot.height, lot.data.length]).toEqual([384, 216, 384 * 216 * 3]);
    expect(cart.at(-1)).toMatchObject({ width: 558, height: 300 });
    expect(manager.health()).toMatchObject({ state: 'degraded', stats: { cameras: 7, online: 2, offline: 5 } });
  });

  it('gives a JPEG snapshot of the latest frame', async () => {
    const jpeg = await manager.snapshot('lot');
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    await expect(manager.snapshot('unreachable')).rejects.toThrow(/has no frame yet/);
  });

  it('cuts clips from the recording of a looped file and makes one from a still camera', async () => {
    await waitFor(() => manager.ring.segments('lot').length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 3000));
    const now = Date.now();
    const lot = await probeVideo(await manager.clip('lot', now - 4000, now - 1000));
    expect(lot).toMatchObject({ codec: 'h264', width: 768, height: 432 });
    // 3 s asked; the edit list hides the lead-in from the keyframe before the start.
    expect(lot.duration).toBeGreaterThan(2.5);
    expect(lot.duration).toBeLessThan(4.5);
    const still = await probeVideo(await manager.clip('cart', now - 3000, now));
    expect(still).toMatchObject({ codec: 'h264', width: 1116, height: 600 });
    expect(still.duration).toBeCloseTo(3, 0);
    await expect(manager.clip('unreachable', now - 3000, now)).rejects.toThrow(/no recording of camera "unreachable"/);
    await expect(manager.clip('nope', now - 3000, now)).rejects.toThrow(/no enabled camera "nope"/);
  });
});
