import { describe, expect, it } from 'vitest';
import { prng } from '../../kernel/prng.ts';
import { SpeedEstimator } from './speed-estimator.ts';

describe('SpeedEstimator', () => {
  it('reads 6 km/h within 1 km/h from 5 s fixes with 5 m GPS noise (no upward bias)', () => {
    const r = prng(7);
    const noise = (): number => (r() + r() + r() - 1.5) * 10;
    const est = new SpeedEstimator();
    const readings: number[] = [];
    for (let k = 0; k < 720; k++) {
      const v = est.add(k * 5000, (k * 5 * 6) / 3.6 + noise(), noise());
      if (k > 10) readings.push(v);
    }
    const mean = readings.reduce((a, b) => a + b, 0) / readings.length;
    expect(mean).toBeGreaterThan(5.5);
    expect(mean).toBeLessThan(6.5);
    expect(readings.filter((v) => v > 8).length / readings.length).toBeLessThan(0.02);
  });

  it('0 for a standing vehicle, restarts after reset', () => {
    const est = new SpeedEstimator();
    expect(est.add(0, 0, 0)).toBe(0);
    expect(est.add(10_000, 0, 0)).toBe(0);
    expect(est.add(20_000, 100, 0)).toBeCloseTo(18, 5); // 100 m in 20 s
    est.reset();
    expect(est.add(30_000, 500, 0)).toBe(0);
  });
});
