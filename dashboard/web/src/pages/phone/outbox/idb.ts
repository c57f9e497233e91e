/** The outbox kept in IndexedDB (database "gridwatch-phone", store "outbox"): text and photo Blobs survive reloads. */
import type { PendingWrite, QueueStore } from './queue.ts';

const DB = 'gridwatch-phone';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** Only `user`'s writes are listed (a shared phone). */
export class IdbQueueStore implements QueueStore {
  private db: Promise<IDBDatabase> | undefined;
  constructor(private readonly user: () => string) {}

  private get conn(): Promise<IDBDatabase> {
    this.db ??= open();
    return this.db;
  }
  async all(): Promise<PendingWrite[]> {
    const rows = await run<PendingWrite[]>(await this.conn, 'readonly', (s) => s.getAll());
    return rows.filter((w) => w.user === this.user());
  }
  async put(w: PendingWrite): Promise<void> {
    await run(await this.conn, 'readwrite', (s) => s.put(w));
  }
  async remove(id: string): Promise<void> {
    await run(await this.conn, 'readwrite', (s) => s.delete(id));
  }
}
