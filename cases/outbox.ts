/** The webhook outbox: rows written in the same transaction as the case change, delivered later at least once. */
import type { CasesConfig } from '../kernel/config/schema.ts';
import type { Db, Statement } from '../kernel/db.ts';
import { countWhere } from '../kernel/db/dialect.ts';
import type { CaseEvent } from '../kernel/types/index.ts';

export type WebhookTarget = CasesConfig['webhooks'][number];

export interface OutboxRow {
  readonly id: number;
  readonly target: string;
  readonly event_seq: number;
  readonly body: string;
  readonly attempts: number;
  readonly next_at: number;
}

/** What a webhook receives: the case event plus its audit sequence number and time. */
export function webhookBody(event: CaseEvent, seq: number, ts: number): string {
  return JSON.stringify({ seq, ts, ...event });
}

const inserts = new WeakMap<Db, Statement>();

/** One row to deliver to `target`, due now. */
export function insertOutboxRow(db: Db, target: string, seq: number, body: string, now: number): void {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      'INSERT INTO webhook_outbox (target, event_seq, body, created_at, next_at) VALUES (?, ?, ?, ?, ?)',
    );
    inserts.set(db, insert);
  }
  insert.run(target, seq, body, now, now);
}

export function enqueue(db: Db, targets: readonly WebhookTarget[], event: CaseEvent, seq: number, now: number): void {
  const wanted = targets.filter((t) => t.events.includes(event.type));
  if (wanted.length === 0) return;
  const body = webhookBody(event, seq, now);
  for (const t of wanted) insertOutboxRow(db, t.id, seq, body, now);
}

/** Oldest pending rows of a target, in order (delivery stops at the first failure to keep per-target order). */
export function pending(db: Db, target: string, limit: number): OutboxRow[] {
  return db
    .prepare(
      'SELECT id, target, event_seq, body, attempts, next_at FROM webhook_outbox WHERE target = ? AND ' +
        'delivered_at IS ' +
        'NULL AND failed_at IS NULL ORDER BY id LIMIT ?',
    )
    .all(target, limit) as OutboxRow[];
}

export function markDelivered(db: Db, id: number, now: number): void {
  db.prepare('UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(
    now,
    id,
  );
}

export function markFailed(db: Db, id: number, error: string, nextAt: number | undefined, now: number): void {
  db.prepare(
    'UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_at = ?, failed_at = ? WHERE id = ?',
  ).run(error.slice(0, 500), nextAt ?? now, nextAt === undefined ? now : null, id);
}

export interface OutboxStats {
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
}

/** Pending, delivered and failed rows. */
const COUNTS =
  `${countWhere('delivered_at IS NULL AND failed_at IS NULL')} AS pending, ` +
  `${countWhere('delivered_at IS NOT NULL')} AS delivered, ${countWhere('failed_at IS NOT NULL')} AS failed`;

export function outboxStats(db: Db): OutboxStats {
  const row = db.prepare(`SELECT ${COUNTS} FROM webhook_outbox`).get() as {
    pending: number | null;
    delivered: number | null;
    failed: number | null;
  };
  return { pending: row.pending ?? 0, delivered: row.delivered ?? 0, failed: row.failed ?? 0 };
}

/** Delivery state of one target (a webhook or a notification channel). */
export interface TargetDeliveries extends OutboxStats {
  readonly target: string;
  readonly lastDeliveredAt?: number;
  readonly lastError?: string;
}

/** The outbox counted per target, with the last delivery and the last error (for the admin's channel page). */
export function outboxByTarget(db: Db): TargetDeliveries[] {
  const rows = db
    .prepare(
      `SELECT target, ${COUNTS}, MAX(delivered_at) AS last_delivered,
       (SELECT last_error FROM webhook_outbox o2 WHERE o2.target = o.target AND last_error IS NOT NULL
        ORDER BY id DESC LIMIT 1) AS last_error
       FROM webhook_outbox o GROUP BY target ORDER BY target`,
    )
    .all() as {
    target: string;
    pending: number;
    delivered: number;
    failed: number;
    last_delivered: number | null;
    last_error: string | null;
  }[];
  return rows.map((r) => ({
    target: r.target,
    pending: r.pending,
    delivered: r.delivered,
    failed: r.failed,
    ...(r.last_delivered !== null ? { lastDeliveredAt: r.last_delivered } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
  }));
}
