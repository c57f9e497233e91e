/**
 * A PTZ camera on patrol, as a timeline: its litter zone belongs to preset "1" (a real street photo); the camera
 * tours to preset "2" (another real street) for 13 minutes, during which a bag is dropped in the zone. Back at "1",
 * the bag is found against the zone's own background (kept while away), and its dwell counts from the return.
 * The same frames on a camera without PTZ knowledge learn the other street and then the bag as background.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CameraView, Frame } from '../../kernel/types/index.ts';
import { greyDownscale, type GreyImage } from './grey.ts';
import type { SceneFrame } from '../camera-stages.ts';
import { createRunner } from './runner.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame, CYCLISTS_PHOTO } from './scenes.ts';
import { zoneInView } from './view.ts';
import { resolveZone } from './zones.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const zoneFor = (preset?: string) =>
  resolveZone(
    {
      id: 'walk',
      camera: 'ptz1',
      kind: 'litter-watch',
      polygon: CART_SIDEWALK.map(([x, y]) => [x, y] as [number, number]),
      dwellSeconds: 60,
      clearSeconds: 30,
      ...(preset ? { preset } : {}),
    },
    { timezone: 'Asia/Shanghai' },
  );

let clean: Frame;
let withBag: Frame;
let other: Frame;
const greys = new Map<Frame, GreyImage>();
beforeAll(async () => {
  const meta = { cameraId: 'ptz1', ts: 0, seq: 0 };
  clean = await composeFrame(CART_PHOTO, 640, [], meta);
  withBag = await composeFrame(CART_PHOTO, 640, [{ input: await bagCutout(80), x: 0.01, y: 0.6 }], meta);
  other = await composeFrame(CYCLISTS_PHOTO, 640, [], meta);
  for (const f of [clean, withBag, other]) greys.set(f, greyDownscale(f));
});

/** Second t of the tour: which picture the camera sees and where it says it looks. */
function tour(t: number, ptz: boolean): { frame: Frame; view?: CameraView } {
  const at1 = { preset: '1', presetName: '路口东向', moving: false };
  const at2 = { preset: '2', presetName: '人行道', moving: false };
  const moving = { moving: true };
  const [frame, view] =
    t < 120
      ? [clean, at1]
      : t < 126
        ? [other, moving]
        : t < 900
          ? [other, at2]
          : t < 906
            ? [other, moving]
            : [withBag, at1];
  return ptz ? { frame, view } : { frame };
}

function run(ptz: boolean, preset?: string): { starts: number[] } {
  const runner = createRunner(zoneFor(preset));
  const starts: number[] = [];
  for (let t = 0; t <= 1200; t += 2) {
    const { frame, view } = tour(t, ptz);
    const now = T0 + t * 1000;
    const grey = greys.get(frame)!;
    const ctx: SceneFrame = {
      frame: { ...frame, ts: now, ...(view ? { view } : {}) },
      detections: [],
      seen: [],
      tracks: [],
      detected: true,
      now,
      grey: () => grey,
    };
    for (const c of runner.step(ctx)) if (c.phase === 'start') starts.push(t);
  }
  return { starts };
}

describe('PTZ presets: one background per preset, paused while moving', () => {
  it('back at the preset, the bag dropped while away is found, its dwell counted from the return', () => {
    const { starts } = run(true, '1');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toBeGreaterThanOrEqual(906 + 60);
    expect(starts[0]).toBeLessThan(906 + 60 + 60);
  });

  it('without PTZ knowledge the other street resets the model and the bag is learned as background', () => {
    expect(run(false).starts).toEqual([]);
  });

  it('zoneInView: fixed cameras always; PTZ zones only at their preset (token or name), never while moving', () => {
    expect(zoneInView(undefined, undefined)).toBe(true);
    expect(zoneInView('1', undefined)).toBe(false);
    expect(zoneInView('1', { preset: '1', moving: false })).toBe(true);
    expect(zoneInView('路口东向', { preset: '1', presetName: '路口东向', moving: false })).toBe(true);
    expect(zoneInView('1', { preset: '2', moving: false })).toBe(false);
    expect(zoneInView('1', { preset: '1', moving: true })).toBe(false);
    expect(zoneInView(undefined, { moving: true })).toBe(false);
    expect(zoneInView(undefined, { moving: false, unknown: true })).toBe(true);
    expect(zoneInView('1', { moving: false, unknown: true })).toBe(false);
  });
});
