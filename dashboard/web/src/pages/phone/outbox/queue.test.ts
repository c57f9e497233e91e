import { describe, expect, it } from 'vitest';
import { MemoryQueueStore, newWriteId, Outbox, SendError, type PendingWrite, type Transport } from './queue.ts';

const photo = (n: number) => ({ blob: new Blob([`jpeg ${n}`]), width: 1600, height: 1200, takenAt: 1000 + n });

function write(over: Partial<PendingWrite> = {}): PendingWrite {
  return {
    id: newWriteId(),
    user: 'handler',
    caseId: 'C1',
    action: 'handle',
    reason: '已清理',
    seen: 100,
    photos: [photo(1), photo(2)],
    createdAt: 1,
    state: 'pending',
    ...over,
  };
}

/** A server that honours Idempotency-Keys like cases/idempotency.ts, and a link that can be cut. */
class FakeServer implements Transport {
  online = true;
  /** Answers lost on the way back (the server did the work). */
  loseAnswers = 0;
  updatedAt = 100;
  readonly photos: string[] = [];
  readonly actions: string[] = [];
  readonly calls: string[] = [];
  private readonly kept = new Map<string, unknown>();
  refuse?: SendError;

  private async once<T>(key: string, work: () => T): Promise<T> {
    this.calls.push(key);
    if (!this.online) throw new SendError('network', true);
    if (this.refuse) throw this.refuse;
    const answer = (this.kept.has(key) ? this.kept.get(key) : work()) as T;
    this.kept.set(key, answer);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new SendError('network', true);
    }
    return answer;
  }
  photo(w: PendingWrite, n: number, key: string) {
    return this.once(key, () => {
      if (w.seen !== undefined && w.seen !== this.updatedAt) throw new SendError('changed', false, 409);
      this.photos.push(`${w.id}/${n}`);
      this.updatedAt++;
      return { updatedAt: this.updatedAt };
    });
  }
  action(w: PendingWrite, key: string) {
    return this.once(key, () => {
      if (w.seen !== undefined && w.seen !== this.updatedAt) throw new SendError('changed', false, 409);
      this.actions.push(`${w.id}/${w.action}`);
      this.updatedAt++;
    });
  }
}

describe('outbox', () => {
  it('sends photos then the action, each with its own key and the case version it expects', async () => {
    const server = new FakeServer();
    const box = new Outbox(new MemoryQueueStore(), server);
    const w = write();
    await box.add(w);
    await box.flush();
    expect(server.photos).toEqual([`${w.id}/0`, `${w.id}/1`]);
    expect(server.actions).toEqual([`${w.id}/handle`]);
    expect(server.calls).toEqual([`${w.id}-p0`, `${w.id}-p1`, `${w.id}-a`]);
    expect(await box.list()).toEqual([]);
  });

  it('keeps everything while offline and sends it exactly once when the link returns', async () => {
    const server = new FakeServer();
    const store = new MemoryQueueStore();
    const seenLists: number[] = [];
    const box = new Outbox(store, server, (all) => seenLists.push(all.length));
    server.online = false;
    await box.add(write());
    await box.add(write({ action: 'accept', photos: [], seen: undefined, createdAt: 2 }));
    await box.flush();
    await box.flush();
    expect(server.photos).toEqual([]);
    expect((await box.list()).map((x) => x.state)).toEqual(['pending', 'pending']);
    // "reload": a new outbox on the same store
    server.online = true;
    const again = new Outbox(store, server);
    await Promise.all([again.flush(), again.flush(), again.flush()]);
    expect(server.photos).toHaveLength(2);
    expect(server.actions).toHaveLength(2);
    expect(await again.list()).toEqual([]);
    expect(seenLists.at(-1)).toBe(2);
  });

  it('a lost answer is replayed with the same key, not repeated', async () => {
    const server = new FakeServer();
    const box = new Outbox(new MemoryQueueStore(), server);
    await box.add(write());
    server.loseAnswers = 1; // the first photo is stored, its answer lost
    await box.flush();
    expect(server.photos).toHaveLength(1);
    expect((await box.list())[0]!.photos.map((p) => !!p.sent)).toEqual([false, false]);
    await box.flush();
    expect(server.photos).toHaveLength(2);
    expect(server.actions).toHaveLength(1);
    server.loseAnswers = 0;
    expect(await box.list()).toEqual([]);
  });

  it('keeps a refused write with the message (a 409 with the current state) until resent or dropped', async () => {
    const server = new FakeServer();
    const box = new Outbox(new MemoryQueueStore(), server);
    server.updatedAt = 105; // somebody acted since the user opened the case
    const w = write({ photos: [] });
    await box.add(w);
    await box.flush();
    const [kept] = await box.list();
    expect(kept).toMatchObject({ state: 'failed', conflict: true, error: 'changed' });
    expect(server.actions).toEqual([]);
    await box.flush(); // a failed write is not sent again by itself
    expect(server.actions).toEqual([]);
    await box.retry(w.id, 105);
    await box.flush();
    expect(server.actions).toEqual([`${w.id}/handle`]);
    await box.add(write({ photos: [], seen: 1 }));
    await box.flush();
    const [other] = await box.list();
    await box.drop(other!.id);
    expect(await box.list()).toEqual([]);
  });

  it('ids are random and usable as Idempotency-Keys', () => {
    const a = newWriteId();
    expect(a).toMatch(/^w-[0-9a-f]{24}$/);
    expect(newWriteId()).not.toBe(a);
  });
});
