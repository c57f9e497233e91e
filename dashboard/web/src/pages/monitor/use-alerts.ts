/** The alert list: loaded once, then kept current from the live feed; new alerts chime and flash. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { liveState, useLive } from '../../lib/live.ts';
import { useStore } from '../../lib/store.ts';
import type { Alert, AlertMessage } from '../../lib/types.ts';
import { chime, titleCount } from './cue.ts';

const FRESH_MS = 6000;
const KEEP = 200;

export interface AlertsState {
  readonly alerts: readonly Alert[];
  readonly fresh: ReadonlySet<string>;
  readonly error?: string;
  ack(id: string): Promise<void>;
}

function upsert(list: readonly Alert[], a: Alert): Alert[] {
  const rest = list.filter((x) => x.id !== a.id);
  return [a, ...rest].sort((x, y) => y.ts - x.ts).slice(0, KEEP);
}

export function useAlerts(): AlertsState {
  const [alerts, setAlerts] = useState<readonly Alert[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string>();

  // (Re)load whenever the live feed (re)connects: nothing raised while it was down is missed.
  const live = useStore(liveState);
  useEffect(() => {
    if (live !== 'open') return;
    api.get<Alert[]>('/api/alerts?limit=100').then(
      (list) => setAlerts((cur) => list.reduce(upsert, [...cur])),
      (err: Error) => setError(err.message),
    );
  }, [live]);

  useLive<AlertMessage>('alert', ({ alert, isNew }) => {
    setAlerts((cur) => upsert(cur, alert));
    if (!isNew || alert.suppressed) return; // a suppressed hit is listed, not announced
    chime();
    setFresh((cur) => new Set(cur).add(alert.id));
    setTimeout(() => setFresh((cur) => new Set([...cur].filter((id) => id !== alert.id))), FRESH_MS);
  });

  useEffect(() => titleCount(alerts.filter((a) => !a.acked).length), [alerts]);
  useEffect(() => () => titleCount(0), []);

  const ack = useCallback(async (id: string) => {
    const updated = await api.post<Alert>(`/api/alerts/${encodeURIComponent(id)}/ack`);
    setAlerts((cur) => upsert(cur, updated));
  }, []);

  return { alerts, fresh, ack, ...(error ? { error } : {}) };
}
