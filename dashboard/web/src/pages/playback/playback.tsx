/**
 * 回放 (playback): pick a camera and a time; the timeline shows what was recorded, hits and cases; play from any
 * point at 1×/2×/4×/8×; export a span as MP4 evidence (onto a case when opened from one). Route:
 * #/playback/<camera>?t=<epoch ms>&case=<case id>.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import { navigate, type Route } from '../../lib/router.ts';
import { ExportForm } from './export-form.tsx';
import { chunkAt, type PlaybackCamera, type Recording, type Span, videoUrl } from './playback-api.ts';
import { TimelineBar } from './timeline-bar.tsx';

const WIDTHS = [15, 60, 360, 1440] as const;
const SPEEDS = [1, 2, 4, 8] as const;
const REFRESH_MS = 10_000;

const toLocalInput = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
};

export function PlaybackPage({ route }: { route: Route }) {
  const [cameras, setCameras] = useState<readonly PlaybackCamera[]>([]);
  const [error, setError] = useState<string>();
  const cameraId = route.parts[1] ?? cameras[0]?.id;
  const caseId = route.query.get('case') ?? undefined;
  const [center, setCenter] = useState(() => Number(route.query.get('t')) || Date.now() - 5 * 60_000);
  const [width, setWidth] = useState<number>(60);
  const [rec, setRec] = useState<Recording>();
  const [chunk, setChunk] = useState<Span>();
  const [position, setPosition] = useState<number>();
  const [speed, setSpeed] = useState<number>(1);
  const [tick, setTick] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const from = Math.round(center - (width * 60_000) / 2);
  const to = Math.round(center + (width * 60_000) / 2);

  useEffect(() => {
    api.get<{ cameras: PlaybackCamera[] }>('/api/recordings').then(
      (r) => setCameras(r.cameras),
      (err: Error) => setError(err.message),
    );
  }, []);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!cameraId) return;
    api.get<Recording>(`/api/recordings/${encodeURIComponent(cameraId)}?from=${from}&to=${to}`).then(
      (r) => {
        setRec(r);
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, [cameraId, from, to, tick]);

  const playFrom = (at: number): void => {
    if (!rec || !cameraId) return;
    const next = chunkAt(rec.spans, at, Date.now());
    setChunk(next);
    setPosition(next?.start ?? at);
    if (!next) setError(t('playback.nothingRecorded', { time: fmt.dateTime(at) }));
    else setError(undefined);
  };
  useEffect(() => {
    const v = video.current;
    if (v) v.playbackRate = speed;
  }, [speed, chunk]);

  const cam = cameras.find((c) => c.id === cameraId);
  return (
    <section class="page playback-page" data-testid="playback">
      <header class="page-head">
        <h1>{t('playback.title')}</h1>
        {caseId && <span class="badge">{t('playback.forCase', { id: caseId })}</span>}
      </header>
      <div class="pb-controls">
        <label>
          {t('playback.camera')}
          <select
            name="camera"
            value={cameraId ?? ''}
            onChange={(e) => navigate(['playback', (e.target as HTMLSelectElement).value], { case: caseId })}
          >
            {cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('playback.time')}
          <input
            type="datetime-local"
            name="time"
            step={1}
            value={toLocalInput(center)}
            onChange={(e) => {
              const ms = new Date((e.target as HTMLInputElement).value).getTime();
              if (Number.isFinite(ms)) setCenter(ms);
            }}
          />
        </label>
        <button type="button" class="btn primary" name="play-at" onClick={() => playFrom(center)}>
          {t('playback.playAt')}
        </button>
        <span class="pb-widths">
          {WIDTHS.map((w) => (
            <button
              key={w}
              type="button"
              class={`btn small ${w === width ? 'active' : ''}`}
              onClick={() => setWidth(w)}
            >
              {w < 60 ? t('playback.minutes', { n: w }) : t('playback.hours', { n: w / 60 })}
            </button>
          ))}
        </span>
      </div>
      {error && <p class="form-error">{error}</p>}
      {rec && <TimelineBar rec={rec} position={position} onPick={playFrom} />}
      {rec?.playbackUrl && (
        <p>
          <a href={rec.playbackUrl} target="_blank" rel="noreferrer" data-testid="external-playback">
            {t('playback.external')}
          </a>
        </p>
      )}
      <div class="pb-main">
        <div class="pb-player">
          {chunk && cameraId ? (
            <video
              ref={video}
              key={`${chunk.start}-${chunk.end}`}
              src={videoUrl(cameraId, chunk)}
              controls
              autoPlay
              muted
              playsInline
              data-from={chunk.start}
              onLoadedMetadata={(e) => ((e.target as HTMLVideoElement).playbackRate = speed)}
              onTimeUpdate={(e) => setPosition(chunk.start + (e.target as HTMLVideoElement).currentTime * 1000)}
              onEnded={() => playFrom(chunk.end)}
            />
          ) : (
            <div class="pb-empty muted">{t('playback.pick')}</div>
          )}
          <div class="pb-speed">
            <span class="pb-now" data-testid="position">
              {position !== undefined ? fmt.dateTime(position) : '—'}
            </span>
            {SPEEDS.map((s) => (
              <button
                key={s}
                type="button"
                name={`speed-${s}`}
                class={`btn small ${s === speed ? 'active' : ''}`}
                onClick={() => setSpeed(s)}
              >
                {s}×
              </button>
            ))}
          </div>
        </div>
        <aside class="pb-side">
          <HealthBox health={rec?.health ?? cam?.health ?? null} />
          {cameraId && cam && !cam.external && (
            <ExportForm camera={cameraId} position={position ?? center} caseId={caseId} cases={rec?.cases ?? []} />
          )}
        </aside>
      </div>
    </section>
  );
}

function HealthBox({ health }: { health: Recording['health'] }) {
  if (!health) return null;
  return (
    <div class="panel pb-health" data-testid="recording-health">
      <h2>{t('playback.health')}</h2>
      <p>
        {t('playback.healthLine', {
          recorded: fmt.number(health.recordedHours, 2),
          expected: fmt.number(health.expectedHours, 2),
          ratio: fmt.percent(health.ratio),
        })}
      </p>
      <p>{t('playback.blind', { n: health.gaps.length, time: fmt.duration(health.blindHours * 3_600_000) })}</p>
    </div>
  );
}
