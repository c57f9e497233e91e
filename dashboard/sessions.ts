/**
 * Login sessions in the main store: a random token in an HttpOnly cookie, only its SHA-256 stored; idle sessions
 * expire after server.sessionTtlMinutes. Each session carries its CSRF token (sent back as X-CSRF-Token).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../kernel/db.ts';
import type { Role, SessionUser } from '../kernel/types/user.ts';

export interface ActiveSession {
  /** Stable id of the session (the SHA-256 of its token; the token itself is never stored). */
  readonly id: string;
  readonly user: SessionUser;
  readonly csrf: string;
}

interface Row {
  username: string;
  role: Role;
  unit: string | null;
  name: string | null;
  csrf: string;
  last_seen: number;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** Touch last_seen at most this often (one write per minute per session, not per request). */
const TOUCH_MS = 60_000;

export class SessionStore {
  private readonly endListeners: ((sessionId: string) => void)[] = [];

  constructor(
    private readonly db: () => Db,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  /** A new session; returns the cookie token (never stored) and the CSRF token. */
  create(user: SessionUser): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    this.db()
      .prepare(
        'INSERT INTO dashboard_sessions (token_hash, username, role, unit, name, csrf, created_at, last_seen) VALUES ' +
          '(?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(hash(token), user.username, user.role, user.unit ?? null, user.name ?? null, csrf, now, now);
    return { token, csrf };
  }

  /** The live session for a cookie token, or undefined (unknown or idle too long). */
  get(token: string): ActiveSession | undefined {
    const h = hash(token);
    const row = this.db().prepare('SELECT * FROM dashboard_sessions WHERE token_hash = ?').get(h) as Row | undefined;
    if (!row) return undefined;
    const now = this.clock.now();
    if (now - row.last_seen > this.ttlMs) {
      this.delete(token);
      return undefined;
    }
    if (now - row.last_seen > TOUCH_MS)
      this.db().prepare('UPDATE dashboard_sessions SET last_seen = ? WHERE token_hash = ?').run(now, h);
    const user: SessionUser = {
      username: row.username,
      role: row.role,
      ...(row.unit ? { unit: row.unit } : {}),
      ...(row.name ? { name: row.name } : {}),
    };
    return { id: h, user, csrf: row.csrf };
  }

  /** Called with the session id whenever a session ends (logout, expiry, purge, removal by id). */
  onEnded(listener: (sessionId: string) => void): void {
    this.endListeners.push(listener);
  }

  delete(token: string): void {
    this.deleteById(hash(token));
  }

  /** End one session by its id; its end listeners run (live views on it stop). */
  deleteById(id: string): void {
    const n = this.db().prepare('DELETE FROM dashboard_sessions WHERE token_hash = ?').run(id).changes;
    if (n > 0) this.ended(id);
  }

  /** Drop every expired session; returns how many. */
  purge(): number {
    const cutoff = this.clock.now() - this.ttlMs;
    const ids = this.db().prepare('SELECT token_hash FROM dashboard_sessions WHERE last_seen < ?').all(cutoff) as {
      token_hash: string;
    }[];
    for (const { token_hash } of ids) this.deleteById(token_hash);
    return ids.length;
  }

  private ended(id: string): void {
    for (const fn of this.endListeners) {
      try {
        fn(id);
      } catch {
        // a listener's failure must not keep the session alive or break the caller; listeners log their own errors
      }
    }
  }
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
