/** Failed-login limiter: at most `limit` failures per key (client address) in a sliding window. */
import type { Clock } from '../kernel/clock.ts';

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.clock.now()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock.now());
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) this.prune();
  }

  private recent(key: string): number[] {
    const from = this.clock.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > from);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key);
      if (recent.length) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
  }
}
