import { describe, expect, it } from 'vitest';
import { DetectStats, Rate, Recent } from './stats.ts';

describe('DetectStats', () => {
  it('shows recent timings as moving averages and keeps exact sums for means over any window', () => {
    const s = new DetectStats();
    for (const pre of [1, 1, 1, 9])
      s.timing({ preMs: pre, inferMs: 10, postMs: 0.5, ...(pre === 9 ? { resizeFallback: true } : {}) });
    s.tracked(0.2);
    s.tracked(0.4);
    expect(s.totals()).toEqual({
      timed: 4,
      preMs: 12,
      inferMs: 40,
      postMs: 2,
      tracked: 2,
      trackMs: expect.closeTo(0.6, 9),
    });
    const snap = s.snapshot(0);
    expect(snap.preMs).toBe(1.8); // 1 → 1 → 1 → 0.9·1 + 0.1·9
    expect(snap.inferenceMs).toBe(10);
    expect(snap.resizeFallbacks).toBe(1);
  });

  it('counts events per second over a sliding window', () => {
    const r = new Rate(2000);
    for (const t of [0, 500, 1000, 1500, 2500]) r.tick(t);
    expect(r.perSecond(2500)).toBe(2); // 500..2500: 4 events in 2 s
    expect(r.perSecond(10_000)).toBe(0);
  });
});

describe('Recent', () => {
  it('keeps the last values and gives nearest-rank percentiles', () => {
    const r = new Recent(100);
    expect(r.percentile(50)).toBe(0);
    for (let i = 1; i <= 100; i++) r.add(i);
    expect(r.percentile(50)).toBe(50);
    expect(r.percentile(99)).toBe(99);
    expect(r.percentile(100)).toBe(100);
    for (let i = 0; i < 100; i++) r.add(1000); // the old values are pushed out
    expect(r.percentile(1)).toBe(1000);
    r.clear();
    expect(r.percentile(99)).toBe(0);
  });
});
