/**
 * The phone's outbox: every write (an action, feedback with photos) is first stored (IndexedDB in the browser), then
 * sent; what cannot reach the server stays and is sent when the connection returns. Exactly once: each step carries
 * an Idempotency-Key the server honours (`<id>-p<n>` per photo, `<id>-a` for the action), so a step whose answer was
 * lost is replayed, not repeated; steps done are recorded as they finish. Photos go first, each one with the case
 * version it expects (`seen`, updated from each answer); the action last. A refusal (4xx) stops that write and keeps
 * it with the server's message (a 409 also with the case as it is now) until the user resends or drops it; a network
 * failure or a 5xx leaves it pending and ends this round.
 */
import type { CaseAction } from '../../../../../../kernel/types/case.ts';

export interface PendingPhoto {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  /** When it was taken (server clock). */
  readonly takenAt: number;
  readonly position?: { readonly lat: number; readonly lon: number; readonly accuracy?: number };
  readonly sent?: boolean;
}

export interface PendingWrite {
  /** Random; the base of the Idempotency-Keys. */
  readonly id: string;
  /** Whose write it is (a shared phone shows each user only their own). */
  readonly user: string;
  readonly caseId: string;
  readonly action: CaseAction;
  readonly reason?: string;
  readonly hours?: number;
  /** The case version the user acted on (updatedAt); a case changed since is a 409. */
  readonly seen?: number;
  readonly photos: readonly PendingPhoto[];
  readonly createdAt: number;
  readonly state: 'pending' | 'failed';
  readonly error?: string;
  readonly conflict?: boolean;
  /** The server's current state that came with a 409. */
  readonly current?: unknown;
}

export interface QueueStore {
  all(): Promise<PendingWrite[]>;
  put(w: PendingWrite): Promise<void>;
  remove(id: string): Promise<void>;
}

/** A failed step: `transient` (no network, 5xx: try again later) or a refusal with the server's message. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status = 0,
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface Transport {
  /** Upload photo `n` of the write; resolves with the case's updatedAt after it. */
  photo(w: PendingWrite, n: number, key: string): Promise<{ updatedAt: number }>;
  action(w: PendingWrite, key: string): Promise<void>;
}

export class Outbox {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: QueueStore,
    private readonly transport: Transport,
    private readonly changed: (all: readonly PendingWrite[]) => void = () => undefined,
  ) {}

  async list(): Promise<PendingWrite[]> {
    return (await this.store.all()).sort((a, b) => a.createdAt - b.createdAt);
  }

  async add(w: PendingWrite): Promise<void> {
    await this.store.put(w);
    await this.notify();
  }

  /** Drop a write (the user gave up on it). */
  async drop(id: string): Promise<void> {
    await this.store.remove(id);
    await this.notify();
  }

  /** Send a failed write again (after a conflict: against the version the user has now seen). */
  async retry(id: string, seen?: number): Promise<void> {
    const w = (await this.store.all()).find((x) => x.id === id);
    if (!w) return;
    const { error: _e, conflict: _c, current: _cur, ...rest } = w;
    await this.store.put({ ...rest, state: 'pending', ...(seen !== undefined ? { seen } : {}) });
    await this.notify();
  }

  /** Send what is pending, oldest first; one round at a time (a call during a round runs one more round after). */
  flush(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    for (const w of await this.list()) {
      if (w.state !== 'pending') continue;
      const ok = await this.send(w);
      await this.notify();
      if (!ok) return; // offline: the rest would fail the same way
    }
  }

  /** false: stopped by the network (try later); true: done or refused (kept with the message). */
  private async send(start: PendingWrite): Promise<boolean> {
    let w = start;
    try {
      for (let n = 0; n < w.photos.length; n++) {
        if (w.photos[n]!.sent) continue;
        const { updatedAt } = await this.transport.photo(w, n, `${w.id}-p${n}`);
        const photos = w.photos.map((p, i) => (i === n ? { ...p, sent: true } : p));
        w = { ...w, photos, ...(w.seen !== undefined ? { seen: updatedAt } : {}) };
        await this.store.put(w);
      }
      await this.transport.action(w, `${w.id}-a`);
      await this.store.remove(w.id);
      return true;
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError(String(err), false);
      if (e.transient) return false;
      await this.store.put({
        ...w,
        state: 'failed',
        error: e.message,
        conflict: e.status === 409,
        ...(e.current !== undefined ? { current: e.current } : {}),
      });
      return true;
    }
  }

  private async notify(): Promise<void> {
    this.changed(await this.list());
  }
}

/** A random id usable as an Idempotency-Key base (crypto.getRandomValues works on plain http too). */
export function newWriteId(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return `w-${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Keeps writes in memory (tests; a browser without IndexedDB, where nothing survives a reload). */
export class MemoryQueueStore implements QueueStore {
  private readonly rows = new Map<string, PendingWrite>();
  async all(): Promise<PendingWrite[]> {
    return [...this.rows.values()];
  }
  async put(w: PendingWrite): Promise<void> {
    this.rows.set(w.id, w);
  }
  async remove(id: string): Promise<void> {
    this.rows.delete(id);
  }
}
