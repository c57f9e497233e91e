/**
 * Stalls as static objects (zone `staticStalls`), on the cart photo's real sidewalk: a real bulky object (the garbage
 * bag cut-out standing in for a stall's goods) appears and stays with a real person (the boy from the cyclists photo)
 * standing beside it — a stall; the same object with nobody beside it, or covered by a vehicle box, is none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Detection, Frame } from '../../kernel/types/index.ts';
import { greyDownscale } from './grey.ts';
import { createRunner } from './runner.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame, personCrop } from './scenes.ts';
import { Timeline } from './testing.ts';
import { resolveZone } from './zones.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const polygon = CART_SIDEWALK.map(([x, y]) => [x, y] as [number, number]);
const zone = (staticStalls: boolean) =>
  resolveZone(
    { id: 'walk', camera: 'cam1', kind: 'no-vending', polygon, dwellSeconds: 60, clearSeconds: 30, staticStalls },
    { timezone: 'Asia/Shanghai' },
  );
const AT = { x: 0.17, y: 0.45 };
const vendor: Detection = {
  label: 'person',
  classId: 0,
  score: 0.8,
  concepts: ['person'],
  box: { x1: AT.x * 640, y1: AT.y * 344, x2: AT.x * 640 + 60, y2: AT.y * 344 + 107 },
};

let clean: Frame;
let stall: Frame;

beforeAll(async () => {
  const meta = { cameraId: 'cam1', ts: 0, seq: 0 };
  clean = await composeFrame(CART_PHOTO, 640, [], meta);
  stall = await composeFrame(
    CART_PHOTO,
    640,
    [
      { input: await bagCutout(80), x: 0.01, y: 0.6 },
      { input: await personCrop(60), ...AT },
    ],
    meta,
  );
});

function run(staticStalls: boolean, dets: (t: number) => Detection[]): Timeline {
  const runner = createRunner(zone(staticStalls));
  const greys = new Map<Frame, ReturnType<typeof greyDownscale>>();
  const tl = new Timeline();
  for (let t = 0; t < 300; t++) {
    const frame = t < 30 ? clean : stall;
    const now = T0 + t * 1000;
    const grey = () => greys.get(frame) ?? greys.set(frame, greyDownscale(frame)).get(frame)!;
    const detections = t < 30 ? [] : dets(t);
    tl.record(
      t,
      runner.step({
        frame: { ...frame, ts: now },
        detections,
        seen: detections,
        tracks: [],
        detected: true,
        now,
        grey,
      }),
    );
  }
  return tl;
}

describe('vending: a static object with people staying at it is a stall (zone staticStalls)', () => {
  it('an object that arrived and stays with its vendor beside it: one hit after the dwell, on the object', () => {
    const starts = run(true, () => [vendor]).phase('start');
    expect(starts).toHaveLength(1);
    expect(starts[0]!.at).toBeGreaterThanOrEqual(30 + 60);
    expect(starts[0]!.at).toBeLessThanOrEqual(30 + 75);
    expect(starts[0]!.hit.boxes.map((b) => b.label)).toContain('static object');
    expect(starts[0]!.hit.region.x1).toBeLessThan(0.1);
  });

  it('nobody beside it, a vendor only now and then, a vehicle over it, or the zone option off: none', () => {
    expect(run(true, () => []).changes).toEqual([]);
    expect(run(true, (t) => (t % 60 < 15 ? [vendor] : [])).changes).toEqual([]);
    const van: Detection = {
      ...vendor,
      label: 'truck',
      concepts: ['vehicle'],
      box: { x1: 0, y1: 190, x2: 150, y2: 270 },
    };
    expect(run(true, () => [vendor, van]).changes).toEqual([]);
    expect(run(false, () => [vendor]).changes).toEqual([]);
  });
});
