/**
 * In-app notices (站内通知) per user, written in the same transaction as the case change that makes them, and
 * published on the bus (`notice`) after the commit for the live feed. Who is told:
 * - a unit's handlers: dispatched to the unit, due soon, overdue, 返工, extension decided, 作废, 催办, 督办;
 * - the operators (command centre): 回退 (the case needs a new dispatch);
 * - the inspectors whose cells hold the case: it was handled (反馈) and waits for 核查 (`to-verify`).
 * Disabled users get none. Read/unread is stored per row.
 */
import type { EventBus } from '../../kernel/bus.ts';
import type { Db } from '../../kernel/db.ts';
import { jsonEachValues } from '../../kernel/db/dialect.ts';
import type { Case, CaseEvent, InboxKind, InboxNotice } from '../../kernel/types/index.ts';
import type { Notice } from '../notify/notices.ts';

interface Row {
  readonly id: number;
  readonly username: string;
  readonly kind: InboxKind;
  readonly case_id: string;
  readonly at: number;
  readonly data: string;
  readonly read_at: number | null;
}

type Data = Omit<InboxNotice, 'id' | 'kind' | 'caseId' | 'at' | 'read'>;

/** One in-app notice about a case, before it is addressed to its recipients. */
export interface InboxItem {
  readonly kind: InboxKind;
  readonly case: Case;
  readonly reason?: string;
  readonly approved?: boolean;
}

/** The in-app notices a case event makes: its push notices, plus `to-verify` when it turned handled. */
export function inboxItems(event: CaseEvent, notices: readonly Notice[]): InboxItem[] {
  const out: InboxItem[] = [...notices];
  if (event.type === 'transition' && event.to === 'handled') out.push({ kind: 'to-verify', case: event.case });
  return out;
}

function dataOf(n: InboxItem): Data {
  const c = n.case;
  return {
    category: c.category,
    ...(c.gridCell ? { gridCell: c.gridCell } : {}),
    ...(c.address ? { address: c.address } : {}),
    ...(c.deadline !== undefined ? { deadline: c.deadline } : {}),
    ...(n.reason ? { reason: n.reason } : {}),
    ...(n.approved !== undefined ? { approved: n.approved } : {}),
  };
}

function toNotice(r: Row): InboxNotice {
  return { id: r.id, kind: r.kind, caseId: r.case_id, at: r.at, read: r.read_at !== null, ...JSON.parse(r.data) };
}

export class Inbox {
  private lastPublished: number;

  constructor(
    private readonly db: Db,
    private readonly bus?: EventBus,
  ) {
    this.lastPublished = (db.prepare('SELECT max(id) FROM user_notices').pluck().get() as number | null) ?? 0;
  }

  /** Who hears of this notice about this case (enabled users only). */
  recipients(kind: InboxKind, c: Case): string[] {
    const q = (sql: string, ...args: unknown[]): string[] =>
      this.db
        .prepare(`SELECT username FROM users WHERE disabled = 0 AND ${sql} ORDER BY username`)
        .pluck()
        .all(...args) as string[];
    if (kind === 'returned') return q("role = 'operator'");
    if (kind === 'to-verify') {
      if (c.gridCell === undefined) return [];
      const cells = jsonEachValues(this.db, 'cells', '', 'cell', true);
      return q(`role = 'inspector' AND EXISTS (SELECT 1 FROM ${cells} WHERE cell.value = ?)`, c.gridCell);
    }
    if (c.unitId === undefined) return [];
    return q("role = 'handler' AND unit = ?", c.unitId);
  }

  /** Write the rows of these notices (inside the caller's transaction). */
  write(notices: readonly InboxItem[], at: number): void {
    const insert = this.db.prepare(
      'INSERT INTO user_notices (username, kind, case_id, at, data) VALUES (?, ?, ?, ?, ?)',
    );
    for (const n of notices) {
      const data = JSON.stringify(dataOf(n));
      for (const u of this.recipients(n.kind, n.case)) insert.run(u, n.kind, n.case.id, at, data);
    }
  }

  /** After a commit: publish the rows written since the last call (rolled-back rows never existed). */
  publish(): void {
    if (!this.bus) return;
    const rows = this.db
      .prepare('SELECT * FROM user_notices WHERE id > ? ORDER BY id')
      .all(this.lastPublished) as Row[];
    for (const r of rows) {
      this.lastPublished = r.id;
      this.bus.emit('notice', { username: r.username, notice: toNotice(r), unread: this.unread(r.username) });
    }
  }

  list(username: string, opts: { unreadOnly?: boolean; limit?: number } = {}): InboxNotice[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM user_notices WHERE username = ? ${opts.unreadOnly ? 'AND read_at IS NULL' : ''} ` +
          'ORDER BY id DESC LIMIT ?',
      )
      .all(username, opts.limit ?? 50) as Row[];
    return rows.map(toNotice);
  }

  unread(username: string): number {
    return this.db
      .prepare('SELECT count(*) FROM user_notices WHERE username = ? AND read_at IS NULL')
      .pluck()
      .get(username) as number;
  }

  /** Mark some of the user's notices (or all when `ids` is undefined) read; returns how many changed. */
  markRead(username: string, ids: readonly number[] | undefined, now: number): number {
    if (ids === undefined)
      return this.db
        .prepare('UPDATE user_notices SET read_at = ? WHERE username = ? AND read_at IS NULL')
        .run(now, username).changes;
    const stmt = this.db.prepare(
      'UPDATE user_notices SET read_at = ? WHERE username = ? AND id = ? AND read_at IS NULL',
    );
    let n = 0;
    for (const id of ids) n += stmt.run(now, username, id).changes;
    return n;
  }
}
