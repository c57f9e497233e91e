/**
 * One task on the phone: what and where (category, status, time left, address/grid cell, navigate links), the
 * evidence (picture or before/after, clip, track on a small map), the actions the server allows this user now, and
 * the timeline. Reloads live when the case changes.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { EvidenceViewer } from '../../components/evidence-viewer.tsx';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { categoryName, unitName } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import type { Case } from '../../lib/types.ts';
import { StatusBadge, SupervisedBadge } from '../cases/case-table.tsx';
import { caseEvidenceUrl, getCase, type CaseDetail } from '../cases/cases-api.ts';
import { Timeline } from '../cases/timeline.tsx';
import { navLinks, platformOf } from './navigate.ts';
import { PhoneActions } from './phone-actions.tsx';
import type { PhonePageProps } from './registry.ts';
import { TimeLeft } from './tasks-page.tsx';

function Place({ c }: { c: Case }) {
  const name = `${categoryName(c.category)} ${c.address ?? c.gridCell ?? c.id}`;
  const links = c.location ? navLinks({ ...c.location, name }, platformOf(navigator.userAgent)) : [];
  return (
    <div class="phone-card phone-place">
      <p>
        <span class="muted">{t('field.address')}：</span>
        {c.address ?? '—'}
      </p>
      <p>
        <span class="muted">{t('field.grid')}：</span>
        {c.gridCell ?? '—'}
      </p>
      {c.location && (
        <p class="small muted">
          {fmt.number(c.location.lat, 5)}, {fmt.number(c.location.lon, 5)}
        </p>
      )}
      {links.length > 0 && (
        <div class="phone-nav-links" data-testid="navigate">
          {links.map((l) => (
            <a key={l.id} class="phone-btn" href={l.url} data-nav={l.id}>
              {t(`phone.nav.${l.id}`)}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}

/** The newest steps (a vehicle case can have hundreds of attachments); all of them on request. */
function PhoneTimeline({ entries }: { entries: CaseDetail['timeline'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(-SHOWN_STEPS);
  return (
    <section>
      <h2>{t('case.timeline')}</h2>
      <Timeline entries={shown} />
      {shown.length < entries.length && (
        <button type="button" class="phone-btn block" onClick={() => setAll(true)} data-testid="timeline-all">
          {t('phone.case.allSteps', { n: entries.length })}
        </button>
      )}
    </section>
  );
}

const SHOWN_STEPS = 8;

export function PhoneCasePage({ parts }: PhonePageProps) {
  const id = parts[1] ?? '';
  const [detail, setDetail] = useState<CaseDetail>();
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
  if (error && !detail) return <p class="form-error">{error}</p>;
  if (!detail) return <p class="loading">{t('app.loading')}</p>;
  const c = detail.case;
  const items = c.evidence.map((e, n) => ({ url: caseEvidenceUrl(c.id, n), kind: e.kind, mime: e.mime, ts: e.ts }));
  return (
    <article class="phone-case" data-case={c.id} data-status={c.status}>
      <div class="phone-card">
        <div class="task-row">
          <strong class="task-cat">
            {c.category} {categoryName(c.category)}
          </strong>
          <StatusBadge status={c.status} />
        </div>
        <div class="task-row">
          <span class="small muted">{c.id}</span>
          {(c.status === 'dispatched' || c.status === 'handling') && <TimeLeft deadline={c.deadline} />}
        </div>
        <SupervisedBadge c={c} />
        <p class="phone-desc">{c.description}</p>
        {c.deadline !== undefined && (
          <p class="small muted">
            {t('field.deadline')}：{fmt.dateTime(c.deadline)} · {unitName(c.unitId)}
          </p>
        )}
      </div>
      <PhoneActions detail={detail} onChanged={load} />
      <Place c={c} />
      <section class="phone-evidence">
        <h2>{t('phone.case.evidence')}</h2>
        <EvidenceViewer items={items} />
      </section>
      <PhoneTimeline entries={detail.timeline} />
    </article>
  );
}
