/**
 * A form that could not reach the server (no network, 5xx) keeps what was entered and is sent again when the browser
 * says it is online, and every 10 s while the page is open; the same report id / Idempotency-Key makes the resend
 * harmless when only the answer was lost.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../../../lib/api.ts';

const RETRY_MS = 10_000;

/** Worth sending again later (the server never said no). */
export function transient(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'network' || err.status >= 500);
}

/** While `active`, call `send` when the connection returns and every 10 s. */
export function useRetry(active: boolean, send: () => void): void {
  const ref = useRef(send);
  ref.current = send;
  useEffect(() => {
    if (!active) return;
    const again = () => ref.current();
    addEventListener('online', again);
    const timer = setInterval(again, RETRY_MS);
    return () => {
      removeEventListener('online', again);
      clearInterval(timer);
    };
  }, [active]);
}
