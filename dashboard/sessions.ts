/**
 * Login sessions in the main store: a random token in an HttpOnly cookie, only its SHA-256 stored; idle sessions
 * expire after server.sessionTtlMinutes. Each session carries its CSRF token (sent back as X-CSRF-Token).
 * With a user lookup, every use of a session checks the user as they are now: removed, disabled, or changed in any
 * way since the login (password, role, unit: the user's stamp differs) → the session is ended, and the user a
 * session acts as is always the current one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../kernel/db.ts';
import type { CurrentUser, Role, SessionUser } from '../kernel/types/user.ts';

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
  user_stamp: string;
}

/** The user as they are now (undefined: removed or disabled), or undefined for no such check. */
export type CurrentUserLookup = (username: string) => CurrentUser | undefined;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** Touch last_seen at most this often (one write per minute per session, not per request). */
const TOUCH_MS = 60_000;

export class SessionStore {
  private readonly endListeners: ((sessionId: string) => void)[] = [];

  constructor(
    private readonly db: () => Db,
    private readonly ttlMs: number,
    private readonly clock: Clock,
    /** Checks each use against the user as they are now (none: sessions keep the user they were made with). */
    private readonly current?: () => CurrentUserLookup | undefined,
  ) {}

  /** A new session; returns the cookie token (never stored) and the CSRF token. */
  create(user: SessionUser, userStamp = ''): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    this.db()
      .prepare(
        'INSERT INTO dashboard_sessions (token_hash, username, role, unit, name, csrf, created_at, last_seen, ' +
          'user_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(hash(token), user.username, user.role, user.unit ?? null, user.name ?? null, csrf, now, now, userStamp);
    return { token, csrf };
  }

  /** The live session for a cookie token, or undefined (unknown or idle too long). */
  get(token: string): ActiveSession | undefined {
    return this.getById(hash(token));
  }

  /** The live session with this id (see get): also what a live-event stream re-checks before each event. */
  getById(h: string, touch = true): ActiveSession | undefined {
    const row = this.db().prepare('SELECT * FROM dashboard_sessions WHERE token_hash = ?').get(h) as Row | undefined;
    if (!row) return undefined;
    const now = this.clock.now();
    const lookup = this.current?.();
    const cur = lookup ? lookup(row.username) : undefined;
    if (now - row.last_seen > this.ttlMs || (lookup && cur?.stamp !== row.user_stamp)) {
      this.deleteById(h); // idle too long, or the user was removed, disabled or changed since the login
      return undefined;
    }
    if (touch && now - row.last_seen > TOUCH_MS)
      this.db().prepare('UPDATE dashboard_sessions SET last_seen = ? WHERE token_hash = ?').run(now, h);
    const user: SessionUser = cur?.user ?? {
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
