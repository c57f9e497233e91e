/**
 * One camera on the wall: live video when the relay offers it, else the latest snapshot; zones drawn over it. The
 * picture keeps the camera's aspect ratio (tile-media.ts) and a badge says 实时视频 or 快照.
 */
import { useEffect, useState } from 'preact/hooks';
import { FlvVideo } from '../../components/flv-video.tsx';
import { ZoneOverlay } from '../../components/zone-overlay.tsx';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import type { CameraView, ZoneConfig } from '../../lib/types.ts';
import { aspectOf, mediaStyle, tileMode } from './tile-media.ts';
import { href } from '../../lib/router.ts';
import type { PlaybackCamera } from '../playback/playback-api.ts';

const SNAPSHOT_MS = 5000;

const RETRY_LIVE_MS = 30_000;

export function CameraTile(props: {
  camera: CameraView;
  /** Recording health when the camera is recorded (录像完整度, blind spots). */
  recording?: PlaybackCamera;
  zones: readonly ZoneConfig[];
  big?: boolean;
  onSelect: () => void;
  onRetry: () => void;
}) {
  const { camera: c } = props;
  const [videoFailed, setVideoFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [aspect, setAspect] = useState<number>();
  const useVideo = !!c.live && !videoFailed;
  const mode = tileMode({ hasLive: !!c.live, videoFailed, playing });
  const size = (w: number, h: number): void => setAspect((was) => aspectOf(w, h) ?? was);
  const snapshot = `/api/cameras/${encodeURIComponent(c.id)}/snapshot`;
  // A failed live stream falls back to snapshots, then tries again with a freshly signed URL.
  useEffect(() => {
    if (!videoFailed) return;
    setPlaying(false);
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
        <span class="tile-badges">
          <span class={`badge mode-${mode}`} data-mode={mode}>
            {t(`camera.mode.${mode}`)}
          </span>
          <span class={`badge state-${c.state}`}>{t(`camera.state.${c.state}`)}</span>
        </span>
      </button>
      <div class="tile-media" style={mediaStyle(aspect, !!props.big)}>
        {useVideo ? (
          <FlvVideo
            url={c.live!.flv}
            live
            poster={snapshot}
            onSize={size}
            onState={(s) => (s === 'error' ? setVideoFailed(true) : setPlaying(true))}
          />
        ) : (
          <img
            src={`${snapshot}?t=${tick}`}
            alt={c.name ?? c.id}
            onLoad={(e) => {
              const img = e.currentTarget as HTMLImageElement;
              img.style.visibility = '';
              size(img.naturalWidth, img.naturalHeight);
            }}
            onError={(e) => ((e.target as HTMLImageElement).style.visibility = 'hidden')}
          />
        )}
        <ZoneOverlay zones={props.zones} />
        {c.state !== 'online' && <div class="tile-down">{c.error ?? t(`camera.state.${c.state}`)}</div>}
      </div>
      <div class="tile-foot muted">
        {t('camera.lastFrame')}: {fmt.time(c.lastFrameAt)} · {fmt.number(c.fps, 1)} fps
        {props.recording?.health && <RecordingFigure camera={props.recording} />}
      </div>
    </article>
  );
}

/** " · 录像 99.7 % · 盲区 1" linking to the camera's playback. */
function RecordingFigure({ camera }: { camera: PlaybackCamera }) {
  const h = camera.health!;
  return (
    <a class="tile-recording" data-testid="tile-recording" href={href(['playback', camera.id])}>
      {' · '}
      {t('playback.tileHealth', { ratio: fmt.percent(h.ratio) })}
      {h.gaps.length > 0 && ` · ${t('playback.tileBlind', { n: h.gaps.length })}`}
    </a>
  );
}
