/**
 * Abuse limits of the cases module (config `cases.limits`): case creation per logged-in user and per Open311 api key,
 * Open311 requests per client address. Sliding minute windows, counted before the work is done.
 */
import type { Clock } from '../kernel/clock.ts';
import type { CasesConfig } from '../kernel/config/schema.ts';
import { RateLimiter } from '../kernel/ratelimit.ts';

export interface CaseLimits {
  readonly createPerUser: RateLimiter;
  readonly createPerApiKey: RateLimiter;
  readonly open311PerAddress: RateLimiter;
  /** Take the client address from X-Forwarded-For (server.trustProxy). */
  readonly trustProxy: boolean;
}

const MINUTE = 60_000;

export function caseLimits(limits: CasesConfig['limits'], clock: Clock, trustProxy: boolean): CaseLimits {
  return {
    createPerUser: new RateLimiter(limits.createPerUserPerMinute, MINUTE, clock),
    createPerApiKey: new RateLimiter(limits.createPerApiKeyPerMinute, MINUTE, clock),
    open311PerAddress: new RateLimiter(limits.open311PerAddressPerMinute, MINUTE, clock),
    trustProxy,
  };
}
