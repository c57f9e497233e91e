/** Recording health per camera (GET /api/recordings), refreshed every minute, for the camera wall's tiles. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import type { PlaybackCamera } from './playback-api.ts';

const REFRESH_MS = 60_000;

export function useRecordingHealth(): ReadonlyMap<string, PlaybackCamera> {
  const [byId, setById] = useState<ReadonlyMap<string, PlaybackCamera>>(new Map());
  useEffect(() => {
    const load = (): void => {
      api.get<{ cameras: PlaybackCamera[] }>('/api/recordings').then(
        (r) => setById(new Map(r.cameras.map((c) => [c.id, c]))),
        () => undefined, // no playback for this user: tiles just show no recording figure
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return byId;
}
