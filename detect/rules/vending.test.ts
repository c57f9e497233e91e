import { describe, expect, it } from 'vitest';
import type { Detection } from '../../kernel/types/index.ts';
import { det, person, staffed, stall, testZone, Timeline, H, W } from './testing.ts';
import { initialVendingState, vendingObservation, vendingParams, vendingStep, type VendingState } from './vending.ts';
import type { Zone } from './zones.ts';

// 2026-03-06 10:00 Shanghai (a Friday), a time with no allowed window
const T0 = Date.parse('2026-03-06T02:00:00Z');

/** Run the vending rule once per second from `from` (seconds after T0) to `to`, with `scene(t)` as the detections. */
function run(
  zone: Zone,
  from: number,
  to: number,
  scene: (t: number) => Detection[],
  tl = new Timeline(),
  state0: VendingState = initialVendingState,
) {
  const params = vendingParams(zone);
  let state = state0;
  for (let t = from; t < to; t++) {
    const now = T0 + t * 1000;
    const r = vendingStep(state, vendingObservation(zone, scene(t), W, H, now), params, now);
    state = r.state;
    tl.record(t, r.hits);
  }
  return { tl, state };
}

describe('street vending rule (timelines, 1 observation per second)', () => {
  const zone = testZone();

  it('a stall that stays for the dwell yields exactly one hit, at the dwell, carrying where and what', () => {
    const { tl } = run(zone, 0, 900, () => [stall(0.5, 0.8), person(0.56, 0.8)]);
    expect(tl.phase('start')).toHaveLength(1);
    const start = tl.phase('start')[0]!;
    expect(start.at).toBe(300);
    expect(start.hit).toMatchObject({
      rule: 'vending',
      category: '05-04',
      cameraId: 'cam1',
      zoneId: 'z1',
      gridCell: 'cell-7',
      repeat: 1,
      start: T0,
    });
    expect(start.hit.boxes.map((b) => b.label).sort()).toEqual(['bench', 'person']);
    expect(start.hit.region.y2).toBeCloseTo(0.8);
    expect(tl.phase('end')).toHaveLength(0);
    // it stays one ongoing hit, re-announced about once a minute, not once a frame
    const updates = tl.phase('update');
    expect(updates.length).toBeGreaterThanOrEqual(9);
    expect(updates.length).toBeLessThanOrEqual(11);
    expect(new Set(tl.changes.map((c) => c.hit.id)).size).toBe(1);
  });

  it('a stall that leaves before the dwell yields nothing', () => {
    const { tl } = run(zone, 0, 900, (t) => (t < 290 ? staffed(0.5, 0.8) : []));
    expect(tl.changes).toHaveLength(0);
  });

  it('track lost and regained, jitter and a missing minute: still one hit', () => {
    const scene = (t: number): Detection[] => {
      if (t % 30 < 4) return []; // detector misses it 4 s of every 30
      if (t >= 500 && t < 580) return []; // occluded by a bus for 80 s (< clear 120 s)
      const j = ((t * 7) % 5) / 500; // a few pixels of jitter
      return staffed(0.5 + j, 0.8 - j);
    };
    const { tl } = run(zone, 0, 1200, scene);
    expect(tl.phase('start')).toHaveLength(1);
    expect(tl.phase('start')[0]!.at).toBeLessThanOrEqual(310);
    expect(tl.phase('end')).toHaveLength(0);
  });

  it('cleared, then back at the same spot: the first hit ends, a new one is repeat 2; next day it is 1 again', () => {
    const scene = (t: number): Detection[] => (t < 400 || (t >= 700 && t < 1100) ? staffed(0.5, 0.8) : []);
    const { tl, state } = run(zone, 0, 1300, scene);
    expect(tl.phase('start').map((c) => [c.at, c.hit.repeat])).toEqual([
      [300, 1],
      [1000, 2],
    ]);
    const ends = tl.phase('end');
    expect(ends).toHaveLength(2);
    expect(ends[0]!.at).toBe(399 + 120);
    expect(ends[0]!.hit.end).toBe(T0 + 399_000);
    expect(ends[0]!.hit.id).toBe(tl.phase('start')[0]!.hit.id);
    // a stall at another spot the same day is a first offence there
    const other = run(zone, 1300, 1700, () => staffed(0.25, 0.5), new Timeline(), state);
    expect(other.tl.phase('start')[0]!.hit.repeat).toBe(1);
    // the same spot on the next day starts counting again
    const day = 86_400;
    const next = run(zone, day, day + 400, () => staffed(0.5, 0.8), new Timeline(), other.state);
    expect(next.tl.phase('start')[0]!.hit.repeat).toBe(1);
  });

  it('inside the allowed window (night market 18:00–23:00) nothing fires; after it the dwell counts from 23:00', () => {
    const market = testZone({ allowed: [{ start: '18:00', end: '23:00' }] });
    const at2200 = (Date.parse('2026-03-06T14:00:00Z') - T0) / 1000; // 22:00 Shanghai
    const { tl } = run(market, at2200, at2200 + 3600 + 600, () => staffed(0.5, 0.8));
    expect(tl.phase('start')).toHaveLength(1);
    expect(tl.phase('start')[0]!.at).toBe(at2200 + 3600 + 300);
    const before = run(market, at2200, at2200 + 3600, () => staffed(0.5, 0.8));
    expect(before.tl.changes).toHaveLength(0);
  });

  it('a passer-by never fires, even carrying something stall-like, nor people merely standing', () => {
    // walks across the zone at ~1.4 m/s ≈ 0.01 of the frame per second, with an umbrella
    const walk = (t: number): Detection[] => {
      const x = 0.2 + ((t * 0.01) % 0.6);
      return [person(x, 0.8), stall(x, 0.8)];
    };
    expect(run(zone, 0, 1800, walk).tl.changes).toHaveLength(0);
    // a slow stroller (0.003/s) lingering in front of shops
    expect(run(zone, 0, 1800, (t) => [stall(0.2 + ((t * 0.003) % 0.6), 0.7)]).tl.changes).toHaveLength(0);
    // people waiting for a bus: no stall, no vending
    expect(run(zone, 0, 900, () => [person(0.4, 0.8), person(0.6, 0.9)]).tl.changes).toHaveLength(0);
    // a zone watching only people (游商 peddlers) does fire on a person staying put
    const peddlers = testZone({ concepts: ['person'], category: '05-01' });
    const r = run(peddlers, 0, 600, () => [person(0.4, 0.8)]);
    expect(r.tl.phase('start').map((c) => c.hit.category)).toEqual(['05-01']);
  });

  it('an object outside the zone polygon (footprint test) is ignored', () => {
    // box overlaps the zone but its footprint (bottom-centre) is left of it
    const { tl } = run(zone, 0, 600, () => staffed(0.15, 0.8));
    expect(tl.changes).toHaveLength(0);
  });

  it('sporadic false detections at one place never add up to a dwell', () => {
    const { tl } = run(zone, 0, 1800, (t) => (t % 5 === 0 ? staffed(0.5, 0.8) : []));
    expect(tl.changes).toHaveLength(0);
  });

  it('a stall-like word nobody stays at is no stall: a bag seen as umbrella for an hour, a passer-by at times', () => {
    const zone = testZone();
    const bag = det('umbrella', ['stall-like'], 0.5, 0.8, 0.08, 0.1, 0.6);
    expect(run(zone, 0, 3600, () => [bag]).tl.changes).toHaveLength(0);
    // someone passes beside it for 20 s every 5 minutes: never most of the dwell
    const passing = (t: number): Detection[] => (t % 300 < 20 ? [bag, person(0.56, 0.8)] : [bag]);
    expect(run(zone, 0, 3600, passing).tl.changes).toHaveLength(0);
    // a weak "person" (score < 0.5) beside it does not make a stall either; a confident one staying does
    const weak = { ...person(0.56, 0.8), score: 0.35 };
    expect(run(zone, 0, 900, () => [bag, weak]).tl.changes).toHaveLength(0);
    expect(run(zone, 0, 900, () => [bag, person(0.56, 0.8)]).tl.phase('start')).toHaveLength(1);
  });
});
