import { describe, expect, it } from 'vitest';
import { longStopRule, type LongStopParams } from './long-stop.ts';
import { fix, runTimeline, summary } from './timeline.ts';

const p: LongStopParams = { maxStopS: 20 * 60, radiusM: 25 };
/** Standing fixes every 30 s with ~5 m of GPS jitter. */
const standing = (a: number, b: number, over = {}) => {
  const out = [];
  for (let s = a; s <= b; s += 30)
    out.push(fix(s, { lat: 34.74 + (s % 60 === 0 ? 4e-5 : 0), lon: -86.57, speedKmh: 0, ...over }));
  return out;
};
const moved = (s: number, over = {}) => fix(s, { lat: 34.75, lon: -86.57, ...over });

describe('long-stop rule (timeline)', () => {
  it('standing 30 min on duty outside the depot: one violation from the start of the stop to moving on', () => {
    const v = runTimeline(longStopRule, {}, p, [...standing(0, 1800), moved(1830)]);
    expect(summary(v).filter((s) => !s.startsWith('update'))).toEqual(['start long-stop @0', 'end long-stop @0..1830']);
    expect(v[0]!.description).toMatch(/stopped 21 min/);
  });

  it('a 15 min stop is fine', () => {
    expect(runTimeline(longStopRule, {}, p, [...standing(0, 900), moved(930)])).toEqual([]);
  });

  it('standing in the depot or off duty is fine', () => {
    expect(runTimeline(longStopRule, {}, p, standing(0, 3600, { inDepot: true }))).toEqual([]);
    expect(runTimeline(longStopRule, {}, p, standing(0, 3600, { onDuty: false }))).toEqual([]);
  });

  it('a stop that began off duty counts from when duty began', () => {
    const v = runTimeline(longStopRule, {}, p, [...standing(0, 600, { onDuty: false }), ...standing(630, 2400)]);
    expect(summary(v)[0]).toBe('start long-stop @630');
  });
});
