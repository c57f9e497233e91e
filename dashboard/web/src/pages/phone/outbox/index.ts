/**
 * The one outbox of the phone UI (IndexedDB + the cases API) and what the pages read from it: the writes not yet
 * sent (`pendingStore`), sending on start, when the browser says it is online again, and every 10 s while anything
 * is pending (a blocked link does not always fire `online`).
 */
import { sessionStore } from '../../../lib/session.ts';
import { createStore, useStore } from '../../../lib/store.ts';
import { IdbQueueStore } from './idb.ts';
import { MemoryQueueStore, Outbox, type PendingWrite } from './queue.ts';
import { apiTransport } from './transport.ts';

export const pendingStore = createStore<readonly PendingWrite[]>([]);

const user = (): string => sessionStore.get()?.user.username ?? '';
const store = typeof indexedDB === 'undefined' ? new MemoryQueueStore() : new IdbQueueStore(user);
export const outbox = new Outbox(store, apiTransport, (all) => pendingStore.set(all));

const RETRY_MS = 10_000;
let timer: ReturnType<typeof setInterval> | undefined;

/** Start sending (once per page load): now, on `online`, and every 10 s while something waits. */
export function startOutbox(): void {
  if (timer) return;
  const kick = (): void => void outbox.flush().catch(() => undefined);
  addEventListener('online', kick);
  timer = setInterval(() => {
    if (pendingStore.get().some((w) => w.state === 'pending')) kick();
  }, RETRY_MS);
  void outbox.list().then((all) => pendingStore.set(all));
  kick();
}

export function usePending(caseId?: string): readonly PendingWrite[] {
  const all = useStore(pendingStore);
  return caseId === undefined ? all : all.filter((w) => w.caseId === caseId);
}

/** Number of writes waiting (badge on the 我的 tab). */
export function usePendingCount(): number {
  return useStore(pendingStore).length;
}

export { newWriteId, type PendingPhoto, type PendingWrite } from './queue.ts';
