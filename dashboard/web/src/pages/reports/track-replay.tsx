/** 轨迹回放: a vehicle's day on the map with a time slider (and play), its violations listed and marked. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { configStore, vehicleName } from '../../lib/config.ts';
import { href, navigate } from '../../lib/router.ts';
import type { Position, Violation } from '../../lib/types.ts';
import { useLeaflet } from '../map/use-leaflet.ts';
import { addDays, periodRange } from './period.ts';
import { indexAt } from './replay-state.ts';
import { vehicleTrack, vehicleViolations } from './reports-api.ts';
import { usePlanCoverage, useReplayLayers } from './replay-layers.ts';

const SPEEDS = [10, 60, 300];

/** The day is the vehicle's plan's local day (as in the compliance report), else the work calendar's. */
function replayZone(vehicleId: string): { tz: string; plan?: string } {
  const cfg = configStore.get()!;
  const plan = cfg.vehicles.find((v) => v.id === vehicleId)?.plan;
  const tz = cfg.plans.find((p) => p.id === plan)?.timezone ?? cfg.timezone;
  return plan ? { tz, plan } : { tz };
}

export function TrackReplay({ vehicleId, day }: { vehicleId: string; day: string }) {
  const { tz, plan } = replayZone(vehicleId);
  const { ref, handle, lib } = useLeaflet(['roads', 'coverage', 'track', 'violations']);
  const [track, setTrack] = useState<readonly Position[]>([]);
  const [violations, setViolations] = useState<readonly Violation[]>([]);
  const [now, setNow] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const [from, to] = periodRange(day, day, tz);
    setError(undefined);
    vehicleTrack(vehicleId, from, to).then(
      (ps) => {
        setTrack(ps);
        setNow(ps[0]?.ts ?? from);
      },
      (e: Error) => {
        setTrack([]);
        setError(e.message);
      },
    );
    vehicleViolations(vehicleId, from, to).then(setViolations, () => setViolations([]));
  }, [vehicleId, day]);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setNow((n) => Math.min(n + speed * 200, track.at(-1)?.ts ?? n)), 200);
    return () => clearInterval(timer);
  }, [playing, speed, track]);
  const i = indexAt(track, now);
  const here = track[i];
  useReplayLayers(handle, lib, track, violations, i, (ts) => setNow(ts));
  usePlanCoverage(handle, lib, plan, vehicleId);
  const first = track[0]?.ts ?? 0;
  const last = track.at(-1)?.ts ?? 0;
  return (
    <div class="replay">
      <section class="panel replay-side">
        <a href={href(['reports'], { from: day, to: day })} class="link">
          ‹ {t('nav.reports')}
        </a>
        <h2>{t('replay.title', { vehicle: vehicleName(vehicleId) })}</h2>
        <div class="day-nav">
          <button
            type="button"
            class="btn small ghost"
            onClick={() => navigate(['reports', 'track', vehicleId], { day: addDays(day, -1) })}
          >
            ‹
          </button>
          <span>{day}</span>
          <button
            type="button"
            class="btn small ghost"
            onClick={() => navigate(['reports', 'track', vehicleId], { day: addDays(day, 1) })}
          >
            ›
          </button>
        </div>
        {error && <p class="form-error">{error}</p>}
        <p class="muted" data-testid="fix-count">
          {t('replay.fixes', { n: track.length })}
        </p>
        {here && (
          <dl class="facts">
            <dt>{t('field.time')}</dt>
            <dd data-testid="replay-time">{fmt.timeIn(here.ts, tz)}</dd>
            <dt>{t('replay.zone')}</dt>
            <dd>{tz}</dd>
            <dt>{t('replay.speed')}</dt>
            <dd>{here.speedKmh === undefined ? '—' : `${fmt.number(here.speedKmh, 1)} km/h`}</dd>
            <dt>{t('replay.working')}</dt>
            <dd>{here.work?.active ? t('app.yes') : t('app.no')}</dd>
          </dl>
        )}
        <h3>
          {t('reports.violations')} ({violations.length})
        </h3>
        <ul class="violation-list">
          {violations.map((v) => (
            <li key={v.id}>
              <button type="button" class="link" onClick={() => setNow(v.start)}>
                {fmt.timeIn(v.start, tz)} · {t(`violation.${v.kind}`)}
              </button>
              <span class="muted">{v.description}</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel replay-main">
        <div ref={ref} class="map" data-testid="replay-map" />
        <div class="replay-controls">
          <button type="button" class="btn small" onClick={() => setPlaying(!playing)} disabled={track.length < 2}>
            {playing ? t('replay.pause') : t('replay.play')}
          </button>
          <input
            type="range"
            name="time"
            min={first}
            max={last}
            step={1000}
            value={now}
            disabled={track.length < 2}
            onInput={(e) => setNow(Number((e.target as HTMLInputElement).value))}
            aria-label={t('replay.slider')}
          />
          <select
            value={speed}
            onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}
            aria-label={t('replay.speedup')}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                ×{s}
              </option>
            ))}
          </select>
        </div>
      </section>
    </div>
  );
}
