/**
 * The audit log (`audit_log` in the main store): every login (success and failure), logout, case action and admin
 * change — who, when, what, from which address. Passwords, secrets, tokens and keys never reach it (`redact`).
 * Searched by user (as actor or as the one acted on), kind, time range and free text.
 */
import type { Db } from '../../kernel/db.ts';

export const AUDIT_KINDS = ['login', 'login-failed', 'logout', 'case', 'admin', 'other'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  /** Who acted (the user name tried, for a failed login). */
  readonly actor?: string;
  readonly role?: string;
  readonly ip?: string;
  readonly kind: AuditKind;
  /** What was done: "user.add", "case.dispatch", "POST /api/alerts/:id/ack", … */
  readonly action: string;
  /** What it was done to: a user name, case number, key id, … */
  readonly target?: string;
  /** The change (JSON, redacted) or the reason of a failure. */
  readonly detail?: string;
  /** The HTTP status answered. */
  readonly status?: number;
}

/** What is recorded; `detail` is redacted and written as JSON unless it is a string already. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'detail'> & { readonly detail?: unknown };

export interface AuditQuery {
  /** Matches the actor or the target. */
  readonly user?: string;
  readonly kind?: AuditKind;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Substring of actor, action, target, detail or address. */
  readonly text?: string;
  readonly limit?: number;
}

interface Row {
  readonly id: number;
  readonly at: number;
  readonly actor: string | null;
  readonly role: string | null;
  readonly ip: string | null;
  readonly kind: AuditKind;
  readonly action: string;
  readonly target: string | null;
  readonly detail: string | null;
  readonly status: number | null;
}

const SECRET = /pass|secret|token|key|hash|auth/i;
const MAX_DETAIL = 2000;

/** A copy with every value under a secret-looking key replaced by "***" (passwords, secrets, tokens, api keys). */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? '***' : redact(v)]));
  return value;
}

/** The redacted JSON of a change, cut to a sane length. */
export function detailOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = typeof value === 'string' ? value : JSON.stringify(redact(value));
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s;
}

const like = (s: string): string => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export class AuditLog {
  constructor(
    private readonly db: () => Db,
    private readonly now: () => number,
  ) {}

  record(e: NewAuditEntry): void {
    this.db()
      .prepare(
        'INSERT INTO audit_log (at, actor, role, ip, kind, action, target, detail, status) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        this.now(),
        e.actor ?? null,
        e.role ?? null,
        e.ip ?? null,
        e.kind,
        e.action,
        e.target ?? null,
        e.detail === undefined ? null : detailOf(e.detail),
        e.status ?? null,
      );
  }

  /** Newest first; `total` counts every match, `items` at most `limit` (default 500, at most 10 000). */
  search(q: AuditQuery = {}): { total: number; items: AuditEntry[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.user) {
      where.push('(actor = ? OR target = ?)');
      args.push(q.user, q.user);
    }
    if (q.kind) {
      where.push('kind = ?');
      args.push(q.kind);
    }
    if (q.from !== undefined) {
      where.push('at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('at < ?');
      args.push(q.to);
    }
    const db = this.db();
    if (q.text) {
      // case-insensitive for ASCII on both backends (SQLite's LIKE is; PostgreSQL's ILIKE)
      const op = db.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
      const cols = ['actor', 'action', 'target', 'detail', 'ip'];
      where.push(`(${cols.map((c) => `${c} ${op} ? ESCAPE '\\'`).join(' OR ')})`);
      args.push(...Array<string>(cols.length).fill(like(q.text)));
    }
    const sql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log${sql}`).get(...args) as { n: number }).n;
    const limit = Math.min(Math.max(q.limit ?? 500, 1), 10_000);
    const rows = db
      .prepare(`SELECT * FROM audit_log${sql} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...args, limit) as Row[];
    return { total, items: rows.map(toEntry) };
  }
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind,
    action: r.action,
    ...(r.actor !== null ? { actor: r.actor } : {}),
    ...(r.role !== null ? { role: r.role } : {}),
    ...(r.ip !== null ? { ip: r.ip } : {}),
    ...(r.target !== null ? { target: r.target } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.status !== null ? { status: r.status } : {}),
  };
}
