/** One camera on the wall: live video when the relay offers it, else the latest snapshot; zones drawn over it. */
import { useEffect, useState } from 'preact/hooks';
import { FlvVideo } from '../../components/flv-video.tsx';
import { ZoneOverlay } from '../../components/zone-overlay.tsx';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import type { CameraView, ZoneConfig } from '../../lib/types.ts';

const SNAPSHOT_MS = 5000;

const RETRY_LIVE_MS = 30_000;

export function CameraTile(props: {
  camera: CameraView;
  zones: readonly ZoneConfig[];
  big?: boolean;
  onSelect: () => void;
  onRetry: () => void;
}) {
  const { camera: c } = props;
  const [videoFailed, setVideoFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const useVideo = !!c.live && !videoFailed;
  const snapshot = `/api/cameras/${encodeURIComponent(c.id)}/snapshot`;
  // A failed live stream falls back to snapshots, then tries again with a freshly signed URL.
  useEffect(() => {
    if (!videoFailed) return;
    const timer = setTimeout(() => {
      props.onRetry();
      setVideoFailed(false);
    }, RETRY_LIVE_MS);
    return () => clearTimeout(timer);
  }, [videoFailed]);
  useEffect(() => {
    if (useVideo) return;
    const timer = setInterval(() => setTick((n) => n + 1), SNAPSHOT_MS);
    return () => clearInterval(timer);
  }, [useVideo]);
  return (
    <article class={`camera-tile state-${c.state} ${props.big ? 'big' : ''}`} data-camera={c.id}>
      <button type="button" class="tile-head" onClick={props.onSelect}>
        <span class="tile-name">{c.name ?? c.id}</span>
        <span class={`badge state-${c.state}`}>{t(`camera.state.${c.state}`)}</span>
      </button>
      <div class="tile-media">
        {useVideo ? (
          <FlvVideo url={c.live!.flv} live poster={snapshot} onState={(s) => s === 'error' && setVideoFailed(true)} />
        ) : (
          <img
            src={`${snapshot}?t=${tick}`}
            alt={c.name ?? c.id}
            onError={(e) => ((e.target as HTMLImageElement).style.visibility = 'hidden')}
          />
        )}
        <ZoneOverlay zones={props.zones} />
        {c.state !== 'online' && <div class="tile-down">{c.error ?? t(`camera.state.${c.state}`)}</div>}
      </div>
      <div class="tile-foot muted">
        {t('camera.lastFrame')}: {fmt.time(c.lastFrameAt)} · {fmt.number(c.fps, 1)} fps
      </div>
    </article>
  );
}
