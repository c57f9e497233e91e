/**
 * Live-event streams bound to their login session: at most `perSession` open at once per session, all closed when
 * the session ends (logout, expiry, revocation), and each one asks `alive` before every event it sends.
 */
export class SessionStreams {
  private readonly open = new Map<string, Set<() => void>>();

  constructor(
    readonly perSession: number,
    /** Is the session still live, with its user unchanged? (Ends it when not.) */
    readonly alive: (sessionId: string) => boolean,
  ) {}

  /** Register a stream of the session and how to close it; undefined when the session has its full number open. */
  add(sessionId: string, close: () => void): (() => void) | undefined {
    const set = this.open.get(sessionId) ?? new Set<() => void>();
    if (set.size >= this.perSession) return undefined;
    set.add(close);
    this.open.set(sessionId, set);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.open.get(sessionId) === set) this.open.delete(sessionId);
    };
  }

  /** The session ended: close its streams. */
  ended(sessionId: string): void {
    for (const close of [...(this.open.get(sessionId) ?? [])]) close();
    this.open.delete(sessionId);
  }

  get size(): number {
    let n = 0;
    for (const s of this.open.values()) n += s.size;
    return n;
  }
}
