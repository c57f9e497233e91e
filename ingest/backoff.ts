/** Restart delays: exponential backoff with jitter, so many failing cameras do not retry in lock-step. */

export interface BackoffParams {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Fraction of the delay randomised either way, 0..1. */
  readonly jitter: number;
}

export const defaultBackoff: BackoffParams = { baseMs: 1000, maxMs: 30_000, jitter: 0.25 };

/** Delay before restart number `attempt` (0 = first restart); `random` in [0, 1). */
export function backoffDelay(
  attempt: number,
  p: BackoffParams = defaultBackoff,
  random: number = Math.random(),
): number {
  const exp = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(exp * (1 - p.jitter + 2 * p.jitter * random));
}
