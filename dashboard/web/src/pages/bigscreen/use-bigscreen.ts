/**
 * The 大屏's data, kept fresh over the live feed: a case, camera or vehicle event schedules a reload (at most one
 * every few seconds, so a busy feed does not hammer the server), and a slow timer catches anything missed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { serverNow } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import { type BigScreen, fetchBigScreen } from './bigscreen-api.ts';

const MIN_GAP_MS = 3000;
const EVERY_MS = 60_000;

export function useBigScreen(): { data?: BigScreen; error?: string; loadedAt?: number } {
  const [state, setState] = useState<{ data?: BigScreen; error?: string; loadedAt?: number }>({});
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const last = useRef(0);
  const load = (): void => {
    last.current = Date.now();
    fetchBigScreen().then(
      (data) => setState({ data, loadedAt: serverNow() }),
      (e: Error) => setState((s) => ({ ...s, error: e.message })),
    );
  };
  const soon = (): void => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      load();
    }, wait);
  };
  useEffect(() => {
    load();
    const every = setInterval(load, EVERY_MS);
    return () => {
      clearInterval(every);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);
  useLive('case', soon);
  useLive('camera.status', soon);
  useLive('vehicle.status', soon);
  return state;
}
