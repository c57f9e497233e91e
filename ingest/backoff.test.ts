import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { RateMeter } from './rate.ts';

describe('backoffDelay', () => {
  it('doubles up to the cap, jittered ±25 %', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, defaultBackoff, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(0, defaultBackoff, 0)).toBe(750);
    expect(backoffDelay(10, defaultBackoff, 0.999)).toBeLessThanOrEqual(37_500);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(2)));
    expect(spread.size).toBeGreaterThan(1);
  });
});

describe('RateMeter', () => {
  it('measures frames per second over its window, and counts a silence', () => {
    const m = new RateMeter(10_000);
    for (let t = 0; t <= 5000; t += 500) m.tick(t);
    expect(m.fps(5100)).toBe(2);
    expect(m.fps(9000)).toBeCloseTo(10 / 9, 2);
    expect(m.fps(30_000)).toBe(0);
  });
});
