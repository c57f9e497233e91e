import { describe, expect, it } from 'vitest';
import { speedRule, type SpeedParams } from './speed.ts';
import { fix, runTimeline, summary } from './timeline.ts';

const over: SpeedParams = { which: 'over', minKmh: 3, maxKmh: 8, debounceS: 30, clearS: 30 };
const under: SpeedParams = { ...over, which: 'under' };
const at = (a: number, b: number, speedKmh: number, working = true) => {
  const out = [];
  for (let s = a; s <= b; s += 5) out.push(fix(s, { speedKmh, working }));
  return out;
};

describe('speed band rules (timeline)', () => {
  it('overspeed while working for longer than the debounce: one violation with the peak speed', () => {
    const v = runTimeline(speedRule, {}, over, [
      ...at(0, 20, 6),
      ...at(25, 120, 14),
      fix(125, { speedKmh: 17 }),
      ...at(130, 200, 6),
    ]);
    expect(summary(v)).toEqual(['start overspeed @25', 'update overspeed @25', 'end overspeed @25..130']);
    expect(v.at(-1)!.description).toMatch(/up to 17\.0 km\/h; band 3–8 km\/h/);
  });

  it('a burst shorter than the debounce is not a violation', () => {
    expect(runTimeline(speedRule, {}, over, [...at(0, 20, 6), ...at(25, 45, 20), ...at(50, 100, 6)])).toEqual([]);
  });

  it('fast while not working is not overspeed', () => {
    expect(runTimeline(speedRule, {}, over, at(0, 300, 40, false))).toEqual([]);
  });

  it('underspeed while working and moving; standing still is not underspeed', () => {
    expect(summary(runTimeline(speedRule, {}, under, [...at(0, 100, 2), ...at(105, 200, 5)]))).toEqual([
      'start underspeed @0',
      'update underspeed @0',
      'end underspeed @0..105',
    ]);
    expect(runTimeline(speedRule, {}, under, at(0, 300, 0))).toEqual([]);
  });

  it('stopping work ends the breach at once', () => {
    expect(
      summary(runTimeline(speedRule, {}, over, [...at(0, 40, 12), fix(45, { working: false, speedKmh: 30 })])),
    ).toEqual(['start overspeed @0', 'end overspeed @0..45']);
  });
});
