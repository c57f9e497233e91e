/** One case: facts, evidence (before/after, clips), the actions this user may take, and the timeline. */
import { Fragment } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { EvidenceViewer } from '../../components/evidence-viewer.tsx';
import { VerdictPanel } from '../../components/verdict-panel.tsx';
import { hasRole } from '../../lib/session.ts';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { cameraName, categoryName, serverNow, unitName, vehicleName } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import { href } from '../../lib/router.ts';
import type { Case } from '../../lib/types.ts';
import { CaseActions } from './case-actions.tsx';
import { StatusBadge, SupervisedBadge } from './case-table.tsx';
import { caseEvidenceUrl, getCase, isOverdue, type CaseDetail as Detail } from './cases-api.ts';
import { Timeline } from './timeline.tsx';
import { DossierLinks } from './dossier-links.tsx';

function Facts({ c }: { c: Case }) {
  const rows: [string, string | undefined][] = [
    [t('field.category'), `${c.category} ${categoryName(c.category)}`],
    [t('field.source'), t(`case.source.${c.source}`)],
    [t('field.description'), c.description],
    [t('field.grid'), c.gridCell],
    [t('field.unit'), c.unitId && unitName(c.unitId)],
    [t('field.camera'), c.cameraId && cameraName(c.cameraId)],
    [t('field.vehicle'), c.vehicleId && vehicleName(c.vehicleId)],
    [t('field.address'), c.address],
    [t('field.location'), c.location && `${fmt.number(c.location.lat, 5)}, ${fmt.number(c.location.lon, 5)}`],
    [t('field.created'), fmt.dateTime(c.createdAt)],
    [t('field.deadline'), c.deadline ? fmt.dateTime(c.deadline) : undefined],
    [
      t('case.extension'),
      c.extension && t('case.extensionPending', { hours: c.extension.hours, reason: c.extension.reason }),
    ],
    [
      t('case.supervised'),
      c.supervised &&
        t('case.supervisedBy', { by: c.supervised.byName ?? c.supervised.by, reason: c.supervised.reason }),
    ],
    [t('case.evaluation'), c.evaluation && `${'★'.repeat(c.evaluation.score)} ${c.evaluation.note ?? ''}`],
  ];
  return (
    <dl class="facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

export function CaseDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    getCase(id).then(
      (d) => {
        setDetail(d);
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, [id]);
  useEffect(load, [load]);
  useLive<{ case: Case }>('case', (e) => e.case.id === id && load());
  if (error) return <p class="form-error">{error}</p>;
  if (!detail) return <p class="muted">{t('app.loading')}</p>;
  const c = detail.case;
  const items = c.evidence.map((e, n) => ({ url: caseEvidenceUrl(c.id, n), kind: e.kind, mime: e.mime, ts: e.ts }));
  return (
    <article class="case-detail" data-case={c.id} data-status={c.status}>
      <header class="case-head">
        <h2>
          {t('case.title', { id: c.id })} <StatusBadge status={c.status} /> <SupervisedBadge c={c} />
          {isOverdue(c, serverNow()) && <span class="badge overdue">{t('filter.overdue')}</span>}
        </h2>
        <DossierLinks id={c.id} />
      </header>
      <div class="detail-grid">
        <EvidenceViewer items={items} />
        <div>
          <Facts c={c} />
          {c.cameraId && (
            <p>
              <a
                class="btn small"
                data-testid="case-playback"
                href={href(['playback', c.cameraId], { t: String(c.createdAt - 60_000), case: c.id })}
              >
                {t('playback.open')}
              </a>
            </p>
          )}
          <h3>{t('case.actions')}</h3>
          <CaseActions
            c={c}
            actions={detail.actions}
            onChanged={() => {
              load();
              onChanged();
            }}
          />
          {(c.source === 'camera' || c.source === 'vehicle') && hasRole('admin', 'operator') && (
            <VerdictPanel
              target={{ caseId: c.id }}
              onDone={() => {
                load();
                onChanged();
              }}
            />
          )}
        </div>
      </div>
      <h3>{t('case.timeline')}</h3>
      <Timeline entries={detail.timeline} />
    </article>
  );
}
