/**
 * Delivery from the outbox to webhooks (POST JSON signed with HMAC-SHA256) and notification channels (企业微信 /
 * 钉钉 robots, see notify/channels.ts), retried with exponential backoff, at least once (a row is marked delivered
 * only after the target accepted it). Per target, rows go out in order: a failure holds the rest back.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../kernel/db.ts';
import { errorMessage } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';
import { buildRequest, judgeResponse, type OutboxTarget, webhookSignature } from './notify/channels.ts';
import { markDelivered, markFailed, pending, type OutboxRow } from './outbox.ts';

export const signature = webhookSignature;

/** For receivers: is this signature header right for this timestamp and body? */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string | null | undefined,
): boolean {
  const want = Buffer.from(signature(secret, timestamp, body));
  const got = Buffer.from(header ?? '');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Delay before retry after the n-th failed attempt (1-based), ms. */
export function backoffMs(
  target: Pick<OutboxTarget, 'retryBaseSeconds' | 'retryMaxSeconds'>,
  failures: number,
): number {
  return Math.min(target.retryBaseSeconds * 2 ** (failures - 1), target.retryMaxSeconds) * 1000;
}

export interface DispatcherOptions {
  readonly db: Db;
  readonly targets: readonly OutboxTarget[];
  readonly clock: Clock;
  readonly log: Logger;
  readonly pollMs?: number;
  readonly fetch?: typeof fetch;
  /** Several cores: only the leader delivers (kernel/cluster/leader.ts); default always. */
  readonly active?: () => boolean;
}

export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  delivered = 0;
  failures = 0;

  constructor(private readonly opts: DispatcherOptions) {}

  start(): void {
    if (this.opts.targets.length === 0) return;
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Deliver what is due now (coalesces calls made while a round is running). */
  kick(): void {
    if (this.stopped || this.opts.targets.length === 0 || this.opts.active?.() === false) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((err: unknown) => this.opts.log.error({ err }, 'webhook round failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    for (const target of this.opts.targets) {
      for (const row of pending(this.opts.db, target.id, 50)) {
        if (this.stopped || this.opts.active?.() === false || row.next_at > this.opts.clock.now()) break;
        if (!(await this.deliver(target, row))) break;
      }
    }
  }

  private async deliver(target: OutboxTarget, row: OutboxRow): Promise<boolean> {
    let error: string | undefined;
    try {
      const req = buildRequest(target, row.id, row.body, this.opts.clock.now());
      const res = await (this.opts.fetch ?? fetch)(req.url, {
        method: 'POST',
        headers: req.headers,
        body: row.body,
        signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
      });
      error = await judgeResponse(target, res);
      if (error === undefined) {
        markDelivered(this.opts.db, row.id, this.opts.clock.now());
        this.delivered++;
        return true;
      }
    } catch (err) {
      error = errorMessage(err);
    }
    this.failures++;
    const attempts = row.attempts + 1;
    const giveUp = attempts >= target.maxAttempts;
    const now = this.opts.clock.now();
    markFailed(this.opts.db, row.id, error, giveUp ? undefined : now + backoffMs(target, attempts), now);
    this.opts.log.warn({ target: target.id, delivery: row.id, attempts, error, giveUp }, 'webhook delivery failed');
    return false;
  }
}
