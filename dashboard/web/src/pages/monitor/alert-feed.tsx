/** The live alert column: unacknowledged first filter, mute switch, the cards, and the detail of the opened one. */
import { serverNow } from '../../lib/config.ts';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { AlertCard } from './alert-card.tsx';
import { AlertDetail } from './alert-detail.tsx';
import { mutedStore, setMuted } from './cue.ts';
import { useAlerts } from './use-alerts.ts';

export function AlertFeed() {
  const { alerts, fresh, ack, error } = useAlerts();
  const muted = useStore(mutedStore);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [openId, setOpenId] = useState<string>();
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const shown = onlyOpen ? alerts.filter((a) => !a.acked) : alerts;
  const unacked = alerts.filter((a) => !a.acked).length;
  const opened = alerts.find((a) => a.id === openId);
  return (
    <section class={`panel alert-feed ${fresh.size ? 'flash' : ''}`} aria-label={t('monitor.alerts')}>
      <div class="panel-head">
        <h2>
          {t('monitor.alerts')}{' '}
          <span class="count" data-testid="unacked-count">
            {unacked}
          </span>
        </h2>
        <div class="panel-tools">
          <label class="check">
            <input
              type="checkbox"
              checked={onlyOpen}
              onChange={(e) => setOnlyOpen((e.target as HTMLInputElement).checked)}
            />
            {t('monitor.onlyUnacked')}
          </label>
          <button type="button" class="btn small ghost" onClick={() => setMuted(!muted)} aria-pressed={muted}>
            {muted ? t('monitor.unmute') : t('monitor.mute')}
          </button>
        </div>
      </div>
      {error && <p class="form-error">{error}</p>}
      <ul class="alert-list">
        {shown.map((a) => (
          <AlertCard
            key={a.id}
            alert={a}
            fresh={fresh.has(a.id)}
            now={now}
            onOpen={() => setOpenId(a.id)}
            onAck={() => void ack(a.id)}
          />
        ))}
        {shown.length === 0 && <li class="empty">{t('monitor.noAlerts')}</li>}
      </ul>
      {opened && <AlertDetail alert={opened} onClose={() => setOpenId(undefined)} onAck={() => void ack(opened.id)} />}
    </section>
  );
}
