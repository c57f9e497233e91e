/**
 * Deadline reminders: every `checkSeconds`, cases being handled (dispatched / handling) whose deadline is within
 * `dueSoonWorkingHours` working hours get a "due soon" notice, and those past it an "overdue" one — each once per
 * deadline (CaseService.remind keeps the record), so a restart or a second check sends nothing twice. With several
 * cores only the leader checks.
 */
import type { NotifyConfig } from '../../kernel/config/notify.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { CaseService } from '../service.ts';

export class DeadlineWatch {
  private timer?: NodeJS.Timeout;
  sent = 0;

  constructor(
    private readonly service: CaseService,
    private readonly cfg: Pick<NotifyConfig, 'dueSoonWorkingHours' | 'checkSeconds'>,
    private readonly log: Logger,
    /** Several cores: only the leader sends reminders (kernel/cluster/leader.ts). */
    private readonly active: () => boolean = () => true,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.check(), this.cfg.checkSeconds * 1000);
    this.timer.unref();
    this.check();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many reminders it sent. */
  check(): number {
    if (!this.active()) return 0;
    let sent = 0;
    try {
      const now = this.service.now();
      const horizon = this.service.catalog.addWorkingHours(now, this.cfg.dueSoonWorkingHours);
      const rows = this.service.repo
        .stmt(
          `SELECT id, deadline FROM cases WHERE status IN ('dispatched', 'handling')
           AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline`,
        )
        .all(horizon) as { id: string; deadline: number }[];
      for (const r of rows) {
        try {
          if (this.service.remind(r.id, r.deadline < now ? 'overdue' : 'due-soon', r.deadline)) sent++;
        } catch (err) {
          this.log.error({ case: r.id, err: errorMessage(err) }, 'deadline reminder failed');
        }
      }
    } catch (err) {
      this.log.error({ err: errorMessage(err) }, 'deadline check failed');
    }
    this.sent += sent;
    return sent;
  }
}
