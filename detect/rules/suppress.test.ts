/**
 * False-alarm masks and zone thresholds in the rules, as timelines (1 observation per second): the pure vending state
 * machine with masks and thresholds in its params, as the runner gives them.
 */
import { describe, expect, it } from 'vitest';
import type { Detection, SuppressionMask } from '../../kernel/types/index.ts';
import type { HitRuleParams } from './lifecycle.ts';
import { staffed, testZone, Timeline, H, W } from './testing.ts';
import { initialVendingState, vendingObservation, vendingParams, vendingStep, type VendingState } from './vending.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const DAY = 86_400_000;

/** Run from `from` to `to` seconds; `params(t)` may change the params (a mask lifted at some second). */
function run(
  from: number,
  to: number,
  scene: (t: number) => Detection[],
  params: (t: number) => HitRuleParams,
  tl = new Timeline(),
  state0: VendingState = initialVendingState,
) {
  const zone = testZone({ dwellSeconds: 60, clearSeconds: 30 });
  let state = state0;
  for (let t = from; t < to; t++) {
    const now = T0 + t * 1000;
    const r = vendingStep(state, vendingObservation(zone, scene(t), W, H, now), params(t), now);
    state = r.state;
    tl.record(t, r.hits);
  }
  return { tl, state };
}

const zone = testZone({ dwellSeconds: 60, clearSeconds: 30 });
const base = vendingParams(zone);
/** The mask an operator's 误报 leaves on the first hit's region (0.44–0.56 × 0.68–0.8 for a stall at 0.5, 0.8). */
const mask = (over: Partial<SuppressionMask> = {}): SuppressionMask => ({
  id: 'mask-1',
  cameraId: 'cam1',
  zoneId: 'z1',
  rule: 'vending',
  region: { x1: 0.44, y1: 0.68, x2: 0.56, y2: 0.8 },
  createdAt: T0,
  until: T0 + 7 * DAY,
  by: 'op',
  ...over,
});
const withMasks = (...masks: SuppressionMask[]): HitRuleParams => ({ ...base, masks });

describe('false-alarm masks in the rule', () => {
  it('the stall comes back at the judged spot: a suppressed hit (kept, with its mask), not a plain one', () => {
    const { tl } = run(
      0,
      200,
      () => staffed(0.51, 0.8),
      () => withMasks(mask()),
    );
    const [start] = tl.phase('start');
    expect(start!.at).toBe(60);
    expect(start!.hit.suppressed).toEqual({ maskId: 'mask-1', until: T0 + 7 * DAY });
    expect(tl.phase('update').every((u) => u.hit.suppressed?.maskId === 'mask-1')).toBe(true);
  });

  it('never hides a finding elsewhere in the zone; a mask of another zone or rule hides nothing', () => {
    const elsewhere = run(
      0,
      200,
      () => staffed(0.3, 0.6),
      () => withMasks(mask()),
    );
    expect(elsewhere.tl.phase('start')).toHaveLength(1);
    expect(elsewhere.tl.phase('start')[0]!.hit.suppressed).toBeUndefined();
    const other = run(
      0,
      200,
      () => staffed(0.5, 0.8),
      () => withMasks(mask({ zoneId: 'z2' }), mask({ rule: 'litter' })),
    );
    expect(other.tl.phase('start')[0]!.hit.suppressed).toBeUndefined();
    // both at once: the judged spot suppressed, the other one a plain hit
    const both = run(
      0,
      200,
      () => [...staffed(0.5, 0.8), ...staffed(0.3, 0.6)],
      () => withMasks(mask()),
    );
    expect(
      both.tl
        .phase('start')
        .map((s) => s.hit.suppressed !== undefined)
        .sort(),
    ).toEqual([false, true]);
  });

  it('lifting the mask while the hit goes on: one update without `suppressed` (the case opens), then as usual', () => {
    const { tl } = run(
      0,
      300,
      () => staffed(0.5, 0.8),
      (t) => withMasks(...(t < 150 ? [mask()] : [mask({ liftedAt: T0 + 150_000 })])),
    );
    expect(tl.phase('start')).toHaveLength(1);
    const firstFree = tl.changes.find((c) => c.hit.suppressed === undefined)!;
    expect(firstFree).toMatchObject({ phase: 'update', at: 150 });
    expect(tl.changes.filter((c) => c.at > 150).every((c) => c.hit.suppressed === undefined)).toBe(true);
  });

  it('a mask that runs out (7 days by default) suppresses nothing after', () => {
    const expired = mask({ until: T0 + 30_000 });
    const { tl } = run(
      0,
      200,
      () => staffed(0.5, 0.8),
      () => withMasks(expired),
    );
    expect(tl.phase('start')[0]!.hit.suppressed).toBeUndefined();
  });

  it('the next loop: the judged stall leaves (hit ends) and comes back (a new hit, suppressed again)', () => {
    const scene = (t: number): Detection[] => (t % 200 < 120 ? staffed(0.5, 0.8) : []);
    const { tl } = run(0, 600, scene, () => withMasks(mask()));
    expect(tl.phase('start').map((s) => [s.at, s.hit.suppressed?.maskId])).toEqual([
      [60, 'mask-1'],
      [260, 'mask-1'],
      [460, 'mask-1'],
    ]);
    expect(tl.phase('end')).toHaveLength(3);
  });
});

describe('zone thresholds in the rule', () => {
  it('min score: a weak detection does not count; the same one above the threshold does', () => {
    const weak = run(
      0,
      200,
      () => staffed(0.5, 0.8, 0.32),
      () => ({ ...base, minScore: 0.4 }),
    );
    expect(weak.tl.changes).toHaveLength(0);
    const strong = run(
      0,
      200,
      () => staffed(0.5, 0.8, 0.45),
      () => ({ ...base, minScore: 0.4 }),
    );
    expect(strong.tl.phase('start')).toHaveLength(1);
  });

  it('min size: a stall smaller than min area of the frame does not count', () => {
    // the test stall is 0.12 × 0.12 = 0.0144 of the frame
    expect(
      run(
        0,
        200,
        () => staffed(0.5, 0.8),
        () => ({ ...base, minArea: 0.02 }),
      ).tl.changes,
    ).toHaveLength(0);
    expect(
      run(
        0,
        200,
        () => staffed(0.5, 0.8),
        () => ({ ...base, minArea: 0.01 }),
      ).tl.phase('start'),
    ).toHaveLength(1);
  });

  it('dwell changed live: the state is kept and the new dwell applies at once', () => {
    const first = run(
      0,
      40,
      () => staffed(0.5, 0.8),
      () => base,
    );
    expect(first.tl.changes).toHaveLength(0);
    const tl = run(
      40,
      100,
      () => staffed(0.5, 0.8),
      () => ({ ...base, dwellMs: 30_000 }),
      first.tl,
      first.state,
    ).tl;
    expect(tl.phase('start').map((s) => [s.at, s.hit.start])).toEqual([[40, T0]]);
  });
});
