/**
 * Sliding-window rate limiter: at most `limit` attempts per key in `windowMs`. An attempt is counted when it is
 * taken — before any slow work it guards (a password hash), so parallel attempts cannot all pass the check.
 * Memory is bounded: past `maxKeys` keys, expired ones are dropped, then the oldest.
 */
import type { Clock } from './clock.ts';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. Counts nothing. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.clock.now()) / 1000));
  }

  /** Count an attempt of `key` now when it is within its limit (returns 0); else the seconds to wait (not counted). */
  take(key: string): number {
    const wait = this.retryAfter(key);
    if (wait > 0) return wait;
    this.hits.set(key, [...this.recent(key), this.clock.now()]);
    if (this.hits.size > this.maxKeys) this.prune();
    return 0;
  }

  /** Take back the latest counted attempt of `key` (e.g. a login that succeeded). */
  forgive(key: string): void {
    const recent = this.recent(key);
    recent.pop();
    if (recent.length) this.hits.set(key, recent);
    else this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }

  private recent(key: string): number[] {
    const from = this.clock.now() - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > from);
  }

  private prune(): void {
    for (const key of [...this.hits.keys()]) {
      const recent = this.recent(key);
      if (recent.length) this.hits.set(key, recent);
      else this.hits.delete(key);
    }
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}

/** Several limiters checked together: an attempt passes only when every key is within its limiter. */
export function takeAll(pairs: readonly (readonly [RateLimiter, string])[]): number {
  const wait = Math.max(0, ...pairs.map(([l, k]) => l.retryAfter(k)));
  if (wait > 0) return wait;
  for (const [l, k] of pairs) l.take(k);
  return 0;
}
