import { describe, expect, it } from 'vitest';
import { prng } from './prng.ts';

describe('prng', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const seqA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(seqA);
    expect(prng(43)()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(seqA.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
  });
});
