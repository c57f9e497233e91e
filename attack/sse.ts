/** A server-sent-events stream held open by the attacker: its status, and when the server ends it. */
import type { Client } from './client.ts';

export interface HeldStream {
  readonly status: number;
  /** Resolves when the server closes the stream (or `abort()` is called). */
  readonly ended: Promise<void>;
  /** Whether the server has closed it yet. */
  isOpen(): boolean;
  abort(): void;
}

export async function openSse(client: Client, path = '/api/events'): Promise<HeldStream> {
  const ctl = new AbortController();
  const res = await client.fetch(path, { signal: ctl.signal, headers: { Accept: 'text/event-stream' } });
  let open = res.status === 200 && !!res.body;
  const ended = (async () => {
    if (!open || !res.body) return;
    const reader = res.body.getReader();
    try {
      while (!(await reader.read()).done) {
        // keep reading: events and heartbeats
      }
    } catch {
      // aborted or reset: ended too
    } finally {
      open = false;
    }
  })();
  if (res.status !== 200) await res.body?.cancel();
  return { status: res.status, ended, isOpen: () => open, abort: () => ctl.abort() };
}

/** Resolves true when the stream ends within `ms`, false otherwise. */
export function endsWithin(s: HeldStream, ms: number): Promise<boolean> {
  return Promise.race([s.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}
