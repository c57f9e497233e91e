/** The litter rule inside an allowed window (e.g. collection hours): a real bag on a real street, and no hit. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../kernel/types/index.ts';
import { greyDownscale } from './grey.ts';
import { initialLitterState, litterObservation, litterParams, litterStep } from './litter.ts';
import type { Hit } from '../../kernel/types/index.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame } from './scenes.ts';
import { resolveZone } from './zones.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z'); // 10:00 Shanghai

let clean: Frame;
let withBag: Frame;

beforeAll(async () => {
  const meta = { cameraId: 'cam1', ts: 0, seq: 0 };
  clean = await composeFrame(CART_PHOTO, 640, [], meta);
  withBag = await composeFrame(CART_PHOTO, 640, [{ input: await bagCutout(80), x: 0.01, y: 0.6 }], meta);
});

function hitsWith(allowed: readonly { start: string; end: string }[]): Hit[] {
  const zone = resolveZone(
    {
      id: 'walk',
      camera: 'cam1',
      kind: 'litter-watch',
      polygon: CART_SIDEWALK.map(([x, y]) => [x, y] as [number, number]),
      dwellSeconds: 60,
      clearSeconds: 30,
      allowed: [...allowed],
    },
    { timezone: 'Asia/Shanghai' },
  );
  let state = initialLitterState;
  const hits: Hit[] = [];
  for (let t = 0; t < 300; t++) {
    const now = T0 + t * 1000;
    const f = t >= 30 ? withBag : clean;
    const r = litterStep(
      state,
      litterObservation(zone, { ...f, ts: now }, greyDownscale(f), []),
      litterParams(zone),
      now,
    );
    state = r.state;
    hits.push(...r.hits.map((h) => h.hit));
  }
  return hits;
}

describe('litter rule and allowed windows', () => {
  it('no hit inside an allowed window (e.g. collection hours); the same bag outside it is a hit', () => {
    expect(hitsWith([{ start: '09:00', end: '11:00' }])).toHaveLength(0);
    expect(hitsWith([{ start: '14:00', end: '15:00' }]).length).toBeGreaterThan(0);
  });
});
