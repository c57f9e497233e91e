/** A PTZ camera's frames carry where it looked: the camera manager stamps each with its PtzWatch's view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../kernel/testing.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { CameraManager } from '../manager.ts';
import { ingestContext } from '../testing/context.ts';
import { type FakeCamera, startFakeCamera } from './testing.ts';

describe('frames of a PTZ camera', () => {
  let cam: FakeCamera;
  let manager: CameraManager;
  const frames: Frame[] = [];
  beforeAll(async () => {
    cam = await startFakeCamera({ username: 'admin', password: 'Hik12345' });
    process.env.GW_TEST_PTZ_PASSWORD = 'Hik12345';
    const ctx = ingestContext({
      media: { enabled: false, segmentSeconds: 2 },
      cameras: [
        {
          id: 'ptz1',
          source: 'demo/media/detectron_street_cart_17790319373.jpg',
          fps: 4,
          width: 320,
          record: false,
          ptz: { onvif: cam.deviceUrl, username: 'admin', passwordEnv: 'GW_TEST_PTZ_PASSWORD', pollSeconds: 0.2 },
        },
      ],
    });
    manager = new CameraManager(ctx, { onFrame: (f) => void frames.push(f) });
    await manager.start();
  });
  afterAll(async () => {
    await manager?.stop();
    await cam?.close();
  });

  it('carry the preset, then "moving" while the head turns, then the next preset', async () => {
    await waitFor(() => frames.some((f) => f.view?.preset === '1'), 20_000);
    Object.assign(cam.ptz, { x: -0.2, moving: true });
    await waitFor(() => frames.at(-1)?.view?.moving === true, 20_000);
    Object.assign(cam.ptz, { x: -0.5, y: 0, zoom: 0.3, moving: false });
    await waitFor(() => frames.at(-1)?.view?.preset === '2', 20_000);
    expect(frames.at(-1)?.view).toEqual({ preset: '2', presetName: '人行道', moving: false });
  });
});
