import { describe, expect, it } from 'vitest';
import { motionSchema } from '../kernel/config/models.ts';
import { greyThumbnail, MotionGate } from './motion.ts';
import { solidFrame } from './testing.ts';

const grey = (ts: number, rect?: { x: number }): ReturnType<typeof solidFrame> =>
  solidFrame(640, 360, [100, 100, 100], {
    ts,
    ...(rect ? { rect: { box: { x1: rect.x, y1: 100, x2: rect.x + 60, y2: 220 }, rgb: [250, 250, 250] } } : {}),
  });

describe('MotionGate', () => {
  it('runs on the first frame, skips still frames, runs on motion, and re-checks still scenes', () => {
    const gate = new MotionGate(motionSchema.parse({ recheckSeconds: 10 }));
    expect(gate.check(grey(0), 0)).toMatchObject({ run: true, reason: 'first' });
    expect(gate.check(grey(1000), 1000)).toMatchObject({ run: false, reason: 'still', changed: 0 });
    const moved = gate.check(grey(2000, { x: 300 }), 2000);
    expect(moved).toMatchObject({ run: true, reason: 'motion' });
    expect(moved.changed).toBeGreaterThan(0.01);
    // The object stays put: compared with the frame last analysed, nothing changed.
    expect(gate.check(grey(3000, { x: 300 }), 3000)).toMatchObject({ run: false, reason: 'still' });
    expect(gate.check(grey(3500, { x: 300 }), 3500, true)).toMatchObject({ run: true, reason: 'confirm' });
    expect(gate.check(grey(13_600, { x: 300 }), 13_600)).toMatchObject({ run: true, reason: 'recheck' });
    expect(gate.check(grey(14_000, { x: 340 }), 14_000)).toMatchObject({ run: true, reason: 'motion' });
  });

  it('ignores sensor noise below the pixel threshold and always runs when disabled', () => {
    const gate = new MotionGate(motionSchema.parse({}));
    gate.check(grey(0), 0);
    const noisy = grey(1000);
    for (let i = 0; i < noisy.data.length; i += 7) noisy.data[i] = 100 + ((i * 13) % 9) - 4;
    expect(gate.check(noisy, 1000).run).toBe(false);
    const off = new MotionGate(motionSchema.parse({ enabled: false }));
    expect([off.check(grey(0), 0).reason, off.check(grey(1), 1).reason]).toEqual(['always', 'always']);
  });

  it('makes a grey thumbnail of the configured width with the aspect kept', () => {
    const t = greyThumbnail(solidFrame(640, 360, [255, 255, 255]), 64);
    expect([t.width, t.height, t.data[0], t.data[t.data.length - 1]]).toEqual([64, 36, 255, 255]);
  });
});
