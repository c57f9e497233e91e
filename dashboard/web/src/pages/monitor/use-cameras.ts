/** Cameras with their state (GET /api/cameras, kept current by camera.status events) and their zones. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { configStore } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import type { CameraStatus, CameraView, ZoneConfig } from '../../lib/types.ts';

export function useCameras(): {
  cameras: readonly CameraView[];
  zones: readonly ZoneConfig[];
  refresh: () => void;
  error?: string;
} {
  const [cameras, setCameras] = useState<readonly CameraView[]>([]);
  const [zones, setZones] = useState<readonly ZoneConfig[]>([]);
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    api.get<{ cameras: CameraView[] }>('/api/cameras').then(
      (r) => setCameras(r.cameras),
      (err: Error) => {
        // Camera ingest not running: show the configured cameras without state.
        setCameras(
          (configStore.get()?.cameras ?? []).filter((c) => c.enabled).map((c) => ({ ...c, state: 'offline', fps: 0 })),
        );
        setError(err.message);
      },
    );
    api.get<ZoneConfig[]>('/api/zones').then(setZones, () => undefined);
  }, [tick]);
  useLive<CameraStatus>('camera.status', (s) =>
    setCameras((cur) =>
      cur.map((c) =>
        c.id === s.cameraId ? { ...c, state: s.state, fps: s.fps, lastFrameAt: s.lastFrameAt, error: s.error } : c,
      ),
    ),
  );
  return { cameras, zones, refresh: () => setTick((n) => n + 1), ...(error ? { error } : {}) };
}
