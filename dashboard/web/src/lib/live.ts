/** The one live connection (server-sent events from /api/events), shared by every page. */
import { useEffect, useRef } from 'preact/hooks';
import { api, ApiError } from './api.ts';
import { sessionStore } from './session.ts';
import { createStore } from './store.ts';

export type LiveState = 'connecting' | 'open' | 'closed';
export const liveState = createStore<LiveState>('closed');

type Listener = (data: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSource | undefined;

function attach(es: EventSource, topic: string): void {
  es.addEventListener(topic, (e) => {
    let data: unknown;
    try {
      data = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      return;
    }
    for (const l of [...(listeners.get(topic) ?? [])]) l(data);
  });
}

const RETRY_MS = 3000;

/** After the server refused the stream (EventSource gives up on a non-200 answer): logged out, or try again. */
function probe(): void {
  api.get('/api/auth/session').then(
    () => {
      source = undefined;
      connectLive();
    },
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) sessionStore.set(null);
      else setTimeout(probe, RETRY_MS);
    },
  );
}

export function connectLive(): void {
  if (source) return;
  liveState.set('connecting');
  const es = new EventSource('/api/events');
  source = es;
  es.addEventListener('ready', () => liveState.set('open'));
  es.onerror = () => {
    // CONNECTING: the browser reconnects by itself (network, server restart); CLOSED: it gave up.
    if (es.readyState !== EventSource.CLOSED) return liveState.set('connecting');
    liveState.set('closed');
    if (source === es) setTimeout(probe, RETRY_MS);
  };
  for (const topic of listeners.keys()) attach(es, topic);
}

export function disconnectLive(): void {
  source?.close();
  source = undefined;
  liveState.set('closed');
}

export function onLive(topic: string, fn: Listener): () => void {
  let set = listeners.get(topic);
  if (!set) {
    set = new Set();
    listeners.set(topic, set);
    if (source) attach(source, topic);
  }
  set.add(fn);
  return () => set.delete(fn);
}

/** Call `handler` for each live event of `topic` while the component is mounted. */
export function useLive<T>(topic: string, handler: (data: T) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => onLive(topic, (d) => ref.current(d as T)), [topic]);
}
