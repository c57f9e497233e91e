/**
 * Cameras behind a GB/T 28181 platform: the media server (ZLMediaKit, usually driven by wvp-GB28181-pro) re-publishes
 * each device channel as `rtsp://HOST:554/rtp/<deviceId>_<channelId>` (and RTMP / HTTP-FLV at the same stream id).
 * gridwatch pulls such a URL like any camera. Here the test RTSP server stands in for the media server, serving the
 * a real-camera-like H.264 clip (1 s GOP) at the path a ZLMediaKit would use, and the camera manager takes frames from
 * it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { Frame } from '../kernel/types/index.ts';
import { CameraManager } from './manager.ts';
import { cameraClip } from './testing/clips.ts';
import { ingestContext } from './testing/context.ts';
import { rtspServerAvailable, type RtspTestServer, startRtspServer } from './testing/rtsp-server.ts';

const stream = '/rtp/34020000001320000001_34020000001320000001';

describe.skipIf(!rtspServerAvailable())('a camera re-published by a GB/T 28181 media server (RTSP stand-in)', () => {
  let server: RtspTestServer;
  let manager: CameraManager;
  const frames: Frame[] = [];
  beforeAll(async () => {
    const file = await cameraClip({ width: 640, height: 360, fps: 10, gopSeconds: 1, seconds: 12 });
    server = await startRtspServer({ file, paths: [stream] });
    const ctx = ingestContext({
      media: { enabled: false, segmentSeconds: 2 },
      cameras: [
        {
          id: 'gb-jiefang',
          name: '解放路口（国标平台）',
          source: `rtsp://127.0.0.1:${server.port}${stream}`,
          fps: 1,
          width: 320,
          keyframesOnly: true,
          record: false,
        },
      ],
    });
    manager = new CameraManager(ctx, { onFrame: (f) => void frames.push(f) });
    await manager.start();
  }, 60_000);
  afterAll(async () => {
    await manager?.stop();
    await server?.stop();
  });

  it('frames arrive from the /rtp/<device>_<channel> stream', async () => {
    await waitFor(() => frames.length >= 2, 45_000);
    expect(manager.status('gb-jiefang')?.state).toBe('online');
    expect(frames[0]).toMatchObject({ cameraId: 'gb-jiefang', width: 320 });
  }, 60_000);
});
