/** One alert in the feed: thumbnail, what and where, when, acknowledge. New ones flash for a few seconds. */
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { evidenceUrl, type Alert } from '../../lib/types.ts';
import { alertPlace, alertTitle } from './alert-text.ts';

/** A character the CJK font has (no emoji font is assumed). */
const ICON: Readonly<Record<Alert['kind'], string>> = {
  hit: '摄',
  violation: '车',
  'camera-offline': '断',
  'vehicle-offline': '断',
};

export function AlertCard(props: { alert: Alert; fresh: boolean; now: number; onOpen: () => void; onAck: () => void }) {
  const { alert: a, fresh, now } = props;
  const cls = [
    'alert-card',
    `sev-${a.severity}`,
    a.acked ? 'acked' : 'unacked',
    fresh ? 'fresh' : '',
    a.resolvedAt ? 'resolved' : '',
    a.suppressed ? 'suppressed' : '',
  ];
  return (
    <li class={cls.join(' ')} data-alert-id={a.id} data-kind={a.kind}>
      <button type="button" class="alert-open" onClick={props.onOpen} aria-label={t('alert.open')}>
        {a.thumbnail ? (
          <img class="thumb" src={evidenceUrl(a.thumbnail)} alt={t('alert.thumbnail')} loading="lazy" />
        ) : (
          <span class="thumb icon">{ICON[a.kind]}</span>
        )}
        <span class="alert-body">
          <span class="alert-title">
            <span class={`kind kind-${a.kind}`}>{t(`alert.kindShort.${a.kind}`)}</span> {alertTitle(a)}
            {a.suppressed && (
              <span class="badge suppressed" data-testid="suppressed-badge">
                {t('verdict.suppressed')}
              </span>
            )}
          </span>
          <span class="alert-place">{alertPlace(a)}</span>
          <span class="alert-meta">
            {fmt.ago(a.ts, now)}
            {a.resolvedAt ? ` · ${t('alert.resolved')}` : ''}
            {a.acked ? ` · ${t('alert.ackedBy', { user: a.acked.by })}` : ''}
          </span>
        </span>
      </button>
      {!a.acked && (
        <button type="button" class="btn small ack" onClick={props.onAck}>
          {t('alert.ack')}
        </button>
      )}
    </li>
  );
}
