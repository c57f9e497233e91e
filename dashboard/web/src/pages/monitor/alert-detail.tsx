/** An opened alert: its evidence, where and when, and the way to its case. */
import { EvidenceViewer } from '../../components/evidence-viewer.tsx';
import { Modal } from '../../components/modal.tsx';
import { VerdictPanel } from '../../components/verdict-panel.tsx';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { cameraName, categoryName, vehicleName } from '../../lib/config.ts';
import { navigate } from '../../lib/router.ts';
import { evidenceUrl, type Alert } from '../../lib/types.ts';
import { alertTitle } from './alert-text.ts';
import { useCaseFor } from './use-case-for.ts';

function Row({ label, value }: { label: string; value: string | undefined }) {
  return value ? (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  ) : null;
}

export function AlertDetail({ alert: a, onClose, onAck }: { alert: Alert; onClose: () => void; onAck: () => void }) {
  const found = useCaseFor(a);
  const items = a.evidence.map((e) => ({ url: evidenceUrl(e.path), kind: e.kind, mime: e.mime, ts: e.ts }));
  return (
    <Modal title={`${t(`alert.kind.${a.kind}`)} · ${alertTitle(a)}`} onClose={onClose} wide>
      <div class="detail-grid">
        <EvidenceViewer items={items} />
        <div>
          <dl class="facts">
            <Row label={t('field.time')} value={fmt.dateTime(a.ts)} />
            <Row label={t('field.category')} value={a.category && `${a.category} ${categoryName(a.category)}`} />
            <Row label={t('field.camera')} value={a.cameraId && cameraName(a.cameraId)} />
            <Row label={t('field.zone')} value={a.zoneId} />
            <Row label={t('field.vehicle')} value={a.vehicleId && vehicleName(a.vehicleId)} />
            <Row label={t('field.grid')} value={a.gridCell} />
            <Row
              label={t('field.location')}
              value={a.location && `${fmt.number(a.location.lat, 5)}, ${fmt.number(a.location.lon, 5)}`}
            />
            <Row label={t('field.detail')} value={a.detail} />
            <Row label={t('alert.resolved')} value={a.resolvedAt ? fmt.dateTime(a.resolvedAt) : undefined} />
            <Row label={t('alert.acked')} value={a.acked && `${a.acked.by} · ${fmt.dateTime(a.acked.at)}`} />
            <Row
              label={t('verdict.suppressed')}
              value={a.suppressed && t('verdict.suppressedUntil', { until: fmt.dateTime(a.suppressed.until) })}
            />
          </dl>
          <div class="actions">
            {!a.acked && (
              <button type="button" class="btn" onClick={onAck}>
                {t('alert.ack')}
              </button>
            )}
            {found ? (
              <button
                type="button"
                class="btn primary"
                data-testid="open-case"
                onClick={() => navigate(['cases', found.id])}
              >
                {t('alert.openCase', { id: found.id })}
              </button>
            ) : (
              (a.hitId || a.violationId) && (
                <span class="muted">{a.suppressed ? t('verdict.noCaseSuppressed') : t('alert.caseWaiting')}</span>
              )
            )}
          </div>
          {a.hitId && <VerdictPanel target={{ hitId: a.hitId }} />}
        </div>
      </div>
    </Modal>
  );
}
