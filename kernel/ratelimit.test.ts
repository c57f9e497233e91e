import { describe, expect, it } from 'vitest';
import { RateLimiter, takeAll } from './ratelimit.ts';

const clockAt = (t: { now: number }) => ({ now: () => t.now });

describe('RateLimiter', () => {
  it('counts attempts when taken, refuses past the limit with the time to wait, frees them as time passes', () => {
    const t = { now: 0 };
    const l = new RateLimiter(3, 60_000, clockAt(t));
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(60);
    expect(l.take('b')).toBe(0);
    t.now = 30_000;
    expect(l.retryAfter('a')).toBe(30);
    t.now = 60_001;
    expect(l.take('a')).toBe(0);
  });

  it('forgive takes back the latest attempt', () => {
    const l = new RateLimiter(1, 60_000, clockAt({ now: 5 }));
    expect(l.take('a')).toBe(0);
    l.forgive('a');
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBeGreaterThan(0);
  });

  it('keeps at most maxKeys keys', () => {
    const l = new RateLimiter(5, 60_000, clockAt({ now: 1 }), 100);
    for (let i = 0; i < 1000; i++) l.take(`k${i}`);
    expect(l.size).toBeLessThanOrEqual(101);
  });

  it('takeAll counts in every limiter only when all allow', () => {
    const c = clockAt({ now: 1 });
    const byAddr = new RateLimiter(10, 60_000, c);
    const byUser = new RateLimiter(1, 60_000, c);
    expect(
      takeAll([
        [byAddr, 'ip'],
        [byUser, 'u'],
      ]),
    ).toBe(0);
    expect(
      takeAll([
        [byAddr, 'ip'],
        [byUser, 'u'],
      ]),
    ).toBeGreaterThan(0);
    expect(byAddr.retryAfter('ip')).toBe(0);
    expect(
      takeAll([
        [byAddr, 'ip'],
        [byUser, 'v'],
      ]),
    ).toBe(0);
  });
});
