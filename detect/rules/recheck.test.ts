/**
 * The camera re-check decides on a window of evidence (≥ windowMs and ≥ minFrames analysed frames), "still present"
 * only when the finding is in MOST of the window's frames, with the rule's own thresholds and false-alarm masks.
 * Vending zone, synthetic detections on a small frame, time from the frames (no real waiting).
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { silentLogger } from '../../kernel/log.ts';
import type { Detection, Frame, SuppressionMask } from '../../kernel/types/index.ts';
import { SceneRechecker } from './recheck.ts';
import { sceneStages, staffed, testZone, H, W } from './testing.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const frame: Frame = { cameraId: 'cam1', ts: 0, seq: 0, width: W, height: H, data: Buffer.alloc(W * H * 3) };

function setup(over: Parameters<typeof testZone>[0] = {}) {
  const rules = sceneStages([testZone({ dwellSeconds: 10, clearSeconds: 60, ...over })], {
    bus: new EventBus(),
    log: silentLogger(),
  });
  const rechecker = new SceneRechecker(rules, { clock: new ManualClock(T0), windowMs: 30_000, minFrames: 5 });
  let t = 0;
  /** Frames every `every` s, `scene(i)` the detections of the i-th. */
  const feed = async (n: number, every: number, scene: (i: number) => Detection[]): Promise<void> => {
    for (let i = 0; i < n; i++, t += every) {
      const now = T0 + t * 1000;
      await rules.observe({
        frame: { ...frame, ts: now, seq: t },
        detections: scene(i),
        tracks: [],
        detected: true,
        now,
      });
    }
  };
  return { rules, rechecker, feed };
}

const cart = (): Detection[] => staffed(0.5, 0.8);

async function recheckOver(
  s: ReturnType<typeof setup>,
  n: number,
  every: number,
  scene: (i: number) => Detection[],
): Promise<{ clear: boolean; detail: string }> {
  await s.feed(20, 1, cart); // the hit
  const hitId = s.rules.activeHits()[0]!.id;
  const p = s.rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1', hitId });
  await s.feed(n, every, scene);
  return p;
}

describe('camera re-check window', () => {
  it('the cart gone: clear, over ≥ 30 s and ≥ 5 frames', async () => {
    const r = await recheckOver(setup(), 31, 1, () => []);
    expect(r).toMatchObject({ clear: true });
    expect(r.detail).toMatch(/^clear: found in 0 of 31 frames over 30 s/);
  });

  it('still there in most of the window: still present (→ 返工)', async () => {
    const r = await recheckOver(setup(), 7, 5, (i) => (i === 3 ? [] : cart())); // 6 of 7
    expect(r).toMatchObject({ clear: false });
    expect(r.detail).toMatch(/^still present: found in 6 of 7 frames over 30 s/);
  });

  it('does not flip-flop: seen in half the frames or fewer (someone walking by, a flicker) is clear', async () => {
    // 3 of 6
    expect(await recheckOver(setup(), 6, 6, (i) => (i % 2 === 0 ? cart() : []))).toMatchObject({ clear: true });
    expect(await recheckOver(setup(), 7, 5, (i) => (i < 2 ? cart() : []))).toMatchObject({ clear: true }); // 2 of 7
  });

  it('a short burst of frames is not a window: it waits for 30 s of them', async () => {
    const s = setup();
    await s.feed(20, 1, cart);
    const p = s.rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1' });
    let done = false;
    void p.then(() => (done = true));
    await s.feed(10, 0.5, () => []); // 10 frames over 4.5 s
    await Promise.resolve();
    expect(done).toBe(false);
    await s.feed(60, 0.5, () => []);
    expect(await p).toMatchObject({ clear: true });
  });

  it('fewer frames than the window needs before the time-out: an error (the case waits for an operator)', async () => {
    const s = setup();
    const rechecker = new SceneRechecker(s.rules, {
      clock: new ManualClock(T0),
      windowMs: 30_000,
      minFrames: 5,
      timeoutMs: 300,
    });
    const p = rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1' });
    await s.feed(2, 1, () => []);
    await expect(p).rejects.toThrow(/gave 2 analysed frames over 1 s; the re-check needs 5 over 30 s/);
  });

  it('uses the rule thresholds and masks: a weak detection or one under a mask is not "still present"', async () => {
    const weak = await recheckOver(setup({ minScore: 0.4 }), 7, 5, () => [
      ...staffed(0.5, 0.8, 0.45),
      ...staffed(0.5, 0.8, 0.3),
    ]);
    expect(weak).toMatchObject({ clear: false });
    const s = setup({ minScore: 0.4 });
    expect(await recheckOver(s, 7, 5, () => staffed(0.5, 0.8, 0.3))).toMatchObject({ clear: true });
    const m: SuppressionMask = {
      id: 'm1',
      cameraId: 'cam1',
      zoneId: 'z1',
      rule: 'vending',
      region: { x1: 0.4, y1: 0.6, x2: 0.6, y2: 0.9 },
      createdAt: T0,
      until: T0 + 86_400_000,
      by: 'op',
    };
    const masked = setup();
    await masked.feed(20, 1, cart);
    masked.rules.rules.setMasks('cam1', [m]);
    const p = masked.rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1', hitId: masked.rules.activeHits()[0]!.id });
    await masked.feed(7, 5, cart);
    expect(await p).toMatchObject({ clear: true });
  });

  it('switched off per zone: enabled() says so', () => {
    expect(setup().rechecker.enabled('cam1', 'z1')).toBe(true);
    expect(setup({ recheck: false }).rechecker.enabled('cam1', 'z1')).toBe(false);
  });
});

describe('camera re-check of a PTZ camera', () => {
  const at = (preset: string) => ({ preset, moving: false });
  async function feedAt(s: ReturnType<typeof setup>, from: number, n: number, view: object, dets: () => Detection[]) {
    for (let i = 0; i < n; i++) {
      const now = T0 + (from + i) * 1000;
      await s.rules.observe({
        frame: { ...frame, ts: now, seq: from + i, view: view as Frame['view'] },
        detections: dets(),
        tracks: [],
        detected: true,
        now,
      });
    }
  }

  it('frames taken at another preset say nothing: the re-check fails instead of calling the spot clear', async () => {
    const s = setup({ preset: '1' });
    const rechecker = new SceneRechecker(s.rules, {
      clock: new ManualClock(T0),
      windowMs: 30_000,
      minFrames: 5,
      timeoutMs: 300,
    });
    await feedAt(s, 0, 20, at('1'), cart);
    const hitId = s.rules.activeHits()[0]!.id;
    const p = rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1', hitId });
    const outcome = p.then(
      () => 'answered',
      (err: unknown) => String(err),
    );
    await feedAt(s, 20, 40, at('2'), () => []); // the camera tours elsewhere: no cart in that picture
    expect(await outcome).toMatch(/delivered no frame within 0 s at preset "1"/);
  });

  it('frames at the zone’s preset decide, the others are left out', async () => {
    const s = setup({ preset: '1' });
    await feedAt(s, 0, 20, at('1'), cart);
    const hitId = s.rules.activeHits()[0]!.id;
    const p = s.rechecker.recheck({ cameraId: 'cam1', zoneId: 'z1', hitId });
    await feedAt(s, 20, 10, { moving: true }, () => []);
    await feedAt(s, 30, 31, at('1'), cart);
    const r = await p;
    expect(r).toMatchObject({ clear: false });
    expect(r.detail).toMatch(/found in 31 of 31 frames/);
  });
});
