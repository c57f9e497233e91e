/**
 * At most `perMinute` log lines of one kind a minute; the rest are counted and reported in one line when the next
 * minute begins. For refusals an attacker can trigger at will (bad logins, refused publishes): they must not flood
 * the log, and the counts still show in the log and in health.
 */
import type { Logger } from './log.ts';

export class LogThrottle {
  private windowStart = 0;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly perMinute = 20,
    private readonly now: () => number = Date.now,
  ) {}

  warn(fields: Record<string, unknown>, message: string): void {
    const t = this.now();
    if (t - this.windowStart >= 60_000) {
      if (this.suppressed > 0)
        this.log.warn({ suppressed: this.suppressed }, `${this.suppressed} more such lines in the last minute`);
      this.windowStart = t;
      this.logged = 0;
      this.suppressed = 0;
    }
    if (this.logged < this.perMinute) {
      this.logged++;
      this.log.warn(fields, message);
    } else this.suppressed++;
  }
}
