/**
 * A camera with a detection sub stream (`cameras[].detect`): analysis frames come from the sub stream at the
 * analysis width, the main stream is recorded into the ring (copied, not decoded), and an evidence still of an
 * analysed moment comes from the main stream at full resolution. Two real RTSP cameras (GStreamer): a 1280x720 main
 * and a 640x360 sub stream of the same real clip. A `detect` without URL decodes the main stream at the model width;
 * an unusable sub stream URL is refused with the field named, and the other cameras go on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { Frame } from '../kernel/types/index.ts';
import { children } from '../bench/ingest/cpu.ts';
import { CameraManager } from './manager.ts';
import { cameraClip } from './testing/clips.ts';
import { ingestContext } from './testing/context.ts';
import { rtspServerAvailable, type RtspTestServer, startRtspServer } from './testing/rtsp-server.ts';

describe.skipIf(!rtspServerAvailable())('a camera analysed on its sub stream', () => {
  let main: RtspTestServer;
  let sub: RtspTestServer;
  let manager: CameraManager;
  const frames: Frame[] = [];
  beforeAll(async () => {
    const [mainFile, subFile] = await Promise.all([
      cameraClip({ width: 1280, height: 720, fps: 10, gopSeconds: 1, seconds: 12 }),
      cameraClip({ width: 640, height: 360, fps: 10, gopSeconds: 1, seconds: 12 }),
    ]);
    main = await startRtspServer({ file: mainFile, mounts: 2 });
    sub = await startRtspServer({ file: subFile, mounts: 1 });
    const ctx = ingestContext({
      media: { enabled: false, segmentSeconds: 2 },
      cameras: [
        {
          id: 'dual',
          source: main.url(1),
          fps: 1,
          keyframesOnly: true,
          detect: { url: sub.url(1), width: 416 },
        },
        { id: 'model-width', source: main.url(2), fps: 1, keyframesOnly: true, record: false, detect: {} },
        { id: 'bad-sub', source: main.url(2), detect: { url: 'ftp://127.0.0.1/sub' } },
      ],
    });
    manager = new CameraManager(ctx, {
      onFrame: (f) => void frames.push(f),
      modelWidth: () => 320,
    });
    await manager.start();
  }, 120_000);
  afterAll(async () => {
    await manager?.stop();
    await main?.stop();
    await sub?.stop();
  });

  it('analyses the sub stream at the analysis width and records the main stream in a second ffmpeg', async () => {
    await waitFor(() => frames.filter((f) => f.cameraId === 'dual').length >= 3, 60_000);
    const dual = frames.filter((f) => f.cameraId === 'dual');
    expect(dual[0]).toMatchObject({ width: 416, height: 234 });
    // three ffmpegs: dual's analysis (sub) and recording (main), model-width's analysis
    expect(children(process.pid, 'ffmpeg')).toHaveLength(3);
    await waitFor(() => manager.ring.segments('dual').length >= 2, 30_000);
  }, 90_000);

  it('takes a camera without its own width at the model width', async () => {
    await waitFor(() => frames.some((f) => f.cameraId === 'model-width'), 60_000);
    expect(frames.find((f) => f.cameraId === 'model-width')).toMatchObject({ width: 320, height: 180 });
  }, 90_000);

  it('gives the full-resolution main-stream picture of an analysed moment', async () => {
    for (const recent of frames.filter((f) => f.cameraId === 'dual').slice(-3)) {
      const still = await manager.still('dual', recent.ts);
      expect(still).toMatchObject({ cameraId: 'dual', width: 1280, height: 720, ts: recent.ts });
    }
    // not recorded: the analysed frame is the evidence
    expect(await manager.still('model-width', Date.now() - 1000)).toBeUndefined();
  }, 60_000);

  it('refuses an unusable sub stream URL, naming the field, and keeps the other cameras going', () => {
    const bad = manager.status('bad-sub');
    expect(bad?.state).toBe('offline');
    expect(bad?.error).toMatch(/^detect\.url: /);
    expect(manager.status('dual')?.state).toBe('online');
  });
});
