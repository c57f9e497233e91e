/** The camera wall: a grid of tiles; choosing one shows it large above the others. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { CameraTile } from './camera-tile.tsx';
import { useCameras } from './use-cameras.ts';
import { useRecordingHealth } from '../playback/use-recording-health.ts';

export function CameraWall() {
  const { cameras, zones, refresh } = useCameras();
  const recording = useRecordingHealth();
  const [selected, setSelected] = useState<string>();
  const big = cameras.find((c) => c.id === selected);
  return (
    <section class="panel camera-wall" aria-label={t('monitor.cameras')}>
      <div class="panel-head">
        <h2>
          {t('monitor.cameras')}{' '}
          <span class="count">
            {cameras.filter((c) => c.state === 'online').length}/{cameras.length}
          </span>
        </h2>
        {big && (
          <button type="button" class="btn small ghost" onClick={() => setSelected(undefined)}>
            {t('monitor.allCameras')}
          </button>
        )}
      </div>
      {big && (
        <CameraTile
          key={`big-${big.id}`}
          camera={big}
          recording={recording.get(big.id)}
          zones={zones.filter((z) => z.camera === big.id)}
          big
          onSelect={() => setSelected(undefined)}
          onRetry={refresh}
        />
      )}
      <div class="tiles">
        {cameras
          .filter((c) => c.id !== selected)
          .map((c) => (
            <CameraTile
              key={c.id}
              camera={c}
              recording={recording.get(c.id)}
              zones={zones.filter((z) => z.camera === c.id)}
              onSelect={() => setSelected(c.id)}
              onRetry={refresh}
            />
          ))}
        {cameras.length === 0 && <p class="empty">{t('monitor.noCameras')}</p>}
      </div>
    </section>
  );
}
