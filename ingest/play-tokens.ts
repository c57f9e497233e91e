/**
 * Live-view play tokens: an opaque random id per (login session, stream), kept here with its expiry, checked when a
 * viewer starts playing and revoked — with every stream playing on it — when the session ends. Nothing a viewer
 * gets is derived from a secret, so nothing a viewer gets can be turned into a publish credential.
 * Service tokens (gridwatch's own pull of a camera pushing RTMP into the media server) have no session and no
 * expiry and are accepted only from this machine.
 */
import { randomBytes } from 'node:crypto';

interface Entry {
  readonly streamPath: string;
  /** The dashboard session it was issued to; undefined for a service token. */
  readonly sessionId: string | undefined;
  readonly expiresAt: number;
}

export type PlayCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Issued tokens above which expired ones are swept at once (bounded by sessions × cameras otherwise). */
const SWEEP_ABOVE = 10_000;

export class PlayTokens {
  private readonly tokens = new Map<string, Entry>();
  /** Latest token per session and stream: reused while it has more than half its life left. */
  private readonly latest = new Map<string, string>();
  /** Plays running on each token: closed when the token is revoked. */
  private readonly plays = new Map<string, Map<string, () => void>>();

  /** A token for `sessionId` to start playing `streamPath` until `now + ttlMs`. */
  issue(streamPath: string, sessionId: string, ttlMs: number, now: number): { token: string; expiresAt: number } {
    const key = `${sessionId}\n${streamPath}`;
    const held = this.latest.get(key);
    const entry = held === undefined ? undefined : this.tokens.get(held);
    if (held !== undefined && entry && entry.expiresAt - now > ttlMs / 2)
      return { token: held, expiresAt: entry.expiresAt };
    if (this.tokens.size > SWEEP_ABOVE) this.sweep(now);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = now + ttlMs;
    this.tokens.set(token, { streamPath, sessionId, expiresAt });
    this.latest.set(key, token);
    return { token, expiresAt };
  }

  /** A token for gridwatch's own use (no session, no expiry, loopback only). */
  service(streamPath: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { streamPath, sessionId: undefined, expiresAt: Number.POSITIVE_INFINITY });
    return token;
  }

  /**
   * May the holder of `token`, connecting from a loopback address or not, start playing `streamPath` now? `alive`
   * (when given) checks the token's login session against the session store at this moment.
   */
  check(
    token: string | undefined,
    streamPath: string,
    now: number,
    fromLoopback: boolean,
    alive?: (sessionId: string) => boolean,
  ): PlayCheck {
    const e = token === undefined ? undefined : this.tokens.get(token);
    if (!e) return { ok: false, reason: 'no valid play token (unknown, revoked at logout, or expired)' };
    if (e.streamPath !== streamPath) return { ok: false, reason: 'play token is for another stream' };
    if (now > e.expiresAt) return { ok: false, reason: 'play token expired' };
    if (e.sessionId === undefined && !fromLoopback) return { ok: false, reason: 'service token used from the network' };
    if (e.sessionId !== undefined && alive && !alive(e.sessionId)) return { ok: false, reason: 'login session ended' };
    return { ok: true };
  }

  /** A play started on `token`; `close` ends it when the token is revoked. */
  playing(token: string, playId: string, close: () => void): void {
    const m = this.plays.get(token) ?? new Map<string, () => void>();
    this.plays.set(token, m);
    m.set(playId, close);
  }

  stopped(token: string, playId: string): void {
    const m = this.plays.get(token);
    m?.delete(playId);
    if (m?.size === 0) this.plays.delete(token);
  }

  /** The session ended (logout, expiry, user removed): its tokens stop working and its plays are closed. */
  revokeSession(sessionId: string): number {
    let closed = 0;
    for (const [token, e] of this.tokens) {
      if (e.sessionId !== sessionId) continue;
      this.tokens.delete(token);
      this.latest.delete(`${sessionId}\n${e.streamPath}`);
      for (const close of this.plays.get(token)?.values() ?? []) {
        close();
        closed++;
      }
      this.plays.delete(token);
    }
    return closed;
  }

  get size(): number {
    return this.tokens.size;
  }

  /** Forget expired tokens (plays already running on them go on until the session ends). */
  sweep(now: number): void {
    for (const [token, e] of this.tokens) {
      if (e.expiresAt >= now || this.plays.has(token)) continue;
      this.tokens.delete(token);
      const key = `${e.sessionId}\n${e.streamPath}`;
      if (this.latest.get(key) === token) this.latest.delete(key);
    }
  }

  clear(): void {
    this.tokens.clear();
    this.latest.clear();
    this.plays.clear();
  }
}
