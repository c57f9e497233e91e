import { describe, expect, it } from 'vitest';
import { fitWithin, LONG_SIDE } from './shrink.ts';

describe('photo shrink size', () => {
  it('brings the long side down to 1600 px, keeping the aspect', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: LONG_SIDE, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(8000, 100)).toEqual({ width: 1600, height: 20 });
  });
  it('never enlarges, never goes to 0', () => {
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
    expect(fitWithin(100_000, 1)).toEqual({ width: 1600, height: 1 });
  });
  it('refuses a size that is not an image', () => {
    expect(() => fitWithin(0, 10)).toThrow(/not an image size/);
    expect(() => fitWithin(Number.NaN, 10)).toThrow();
  });
});
