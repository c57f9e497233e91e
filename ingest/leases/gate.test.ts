/**
 * The gate on a real CameraManager (still-image cameras, no ffmpeg): with `leased` nothing runs at start; a camera
 * runs from the lease keeper's acquire to its loss, and no frame of it arrives after the loss.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../kernel/testing.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { CameraManager } from '../manager.ts';
import { ingestContext } from '../testing/context.ts';
import { cameraGate } from './gate.ts';

const CART = 'demo/media/detectron_street_cart_17790319373.jpg';

describe('camera gate of a video node', () => {
  const ctx = ingestContext({
    media: { enabled: false, segmentSeconds: 2 },
    cameras: [
      { id: 'c1', source: CART, fps: 10, width: 200 },
      { id: 'c2', source: CART, fps: 10, width: 200 },
      { id: 'off', source: CART, enabled: false },
    ],
  });
  const frames: Frame[] = [];
  const manager = new CameraManager(ctx, { onFrame: (f) => void frames.push(f), leased: true });
  const calls: string[] = [];
  const gate = cameraGate(manager, {
    masks: { refresh: (id) => calls.push(`masks ${id}`) },
    handover: {
      acquire: (id, g) => calls.push(`take over ${id} g${g}`),
      release: (id, why, g) => calls.push(`release ${id} ${why} g${g}`),
    },
  });
  afterAll(() => manager.stop());

  it('runs only leased cameras: start on acquire, stop at once on loss', async () => {
    await manager.start();
    expect(manager.statuses()).toEqual([]);
    gate.onAcquire('c1', 3);
    expect(calls).toEqual(['masks c1', 'take over c1 g3']); // masks and rule state before the first frame
    await waitFor(() => frames.some((f) => f.cameraId === 'c1'), 15_000);
    expect(manager.statuses().map((s) => s.cameraId)).toEqual(['c1']);
    expect(manager.startCamera('c1')).toBe(false); // already running
    expect(manager.startCamera('off')).toBe(false); // disabled
    expect(manager.startCamera('nope')).toBe(false);
    gate.onLose('c1', 'taken', 3);
    const count = frames.length;
    expect(manager.statuses()).toEqual([]);
    expect(calls.at(-1)).toBe('release c1 taken g3');
    gate.onAcquire('c2', 1);
    await waitFor(() => frames.filter((f) => f.cameraId === 'c2').length >= 3, 15_000);
    expect(frames.slice(count).every((f) => f.cameraId === 'c2')).toBe(true); // nothing of c1 after its loss
  });
});
