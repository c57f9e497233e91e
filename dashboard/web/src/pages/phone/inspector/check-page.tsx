/**
 * 核查 of one case on site: before (what was reported or seen) and after (the unit's feedback photos) side by side,
 * the unit's feedback text, photos taken now, a finding → 核查结案 (closed) or 返工 (back to the unit).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { categoryName } from '../../../lib/config.ts';
import { href } from '../../../lib/router.ts';
import { StatusBadge } from '../../cases/case-table.tsx';
import { caseEvidenceUrl } from '../../cases/cases-api.ts';
import type { PhonePageProps } from '../registry.ts';
import { getTask, sendCheck, type TaskDetail } from './inspector-api.ts';
import { PhotoPicker, type Shot } from './photo-picker.tsx';
import { transient, useRetry } from './use-retry.ts';

function Side({ id, label, list, side }: { id: string; label: string; list: readonly number[]; side: string }) {
  const n = list.at(-1);
  return (
    <figure class="insp-side" data-side={side}>
      {n === undefined ? (
        <div class="insp-nophoto">{t('inspector.check.noPhoto')}</div>
      ) : (
        <img src={caseEvidenceUrl(id, n)} alt={label} />
      )}
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function CheckPage({ parts }: PhonePageProps) {
  const id = parts[1] ?? '';
  const [detail, setDetail] = useState<TaskDetail>();
  const [error, setError] = useState<string>();
  const [shots, setShots] = useState<Shot[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  /** The decision being sent (kept with its Idempotency-Key until the server has it). */
  const [sending, setSending] = useState<{ decision: 'verify' | 'rework'; key: string }>();
  const load = useCallback(() => {
    getTask(id).then(setDetail, (err: Error) => setError(err.message));
  }, [id]);
  useEffect(load, [load]);
  const send = async (decision: 'verify' | 'rework', key: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await sendCheck(
        id,
        decision,
        reason.trim(),
        shots.map((s) => s.blob),
        key,
      );
      setSending(undefined);
      setShots([]);
      setReason('');
      load();
    } catch (err) {
      if (transient(err)) setError(t('inspector.offline.pending'));
      else {
        setSending(undefined);
        setError(err instanceof ApiError ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };
  useRetry(sending !== undefined && !busy, () => sending && void send(sending.decision, sending.key));
  if (!detail) return error ? <p class="form-error">{error}</p> : <p class="loading">{t('app.loading')}</p>;
  const c = detail.case;
  const feedback = [...detail.timeline].reverse().find((e) => e.action === 'handle');
  const waiting = c.status === 'handled';
  const decide = (decision: 'verify' | 'rework'): void => {
    const missing = shots.length === 0 ? 'needPhoto' : !reason.trim() ? 'needReason' : undefined;
    if (missing) {
      setError(t(`inspector.check.${missing}`));
      return;
    }
    const next = { decision, key: `check-${crypto.randomUUID()}` };
    setSending(next);
    void send(next.decision, next.key);
  };
  return (
    <section class="insp-check" data-case={c.id} data-status={c.status}>
      <div class="phone-card">
        <div class="task-row">
          <strong>{categoryName(c.category)}</strong>
          <StatusBadge status={c.status} />
        </div>
        <p class="muted">
          {c.id} · {c.address ?? c.gridCell}
        </p>
        <p>{c.description}</p>
      </div>
      <div class="insp-sides">
        <Side id={c.id} label={t('inspector.check.before')} list={detail.photos.before} side="before" />
        <Side id={c.id} label={t('inspector.check.after')} list={detail.photos.after} side="after" />
      </div>
      {detail.photos.checks.length > 0 && (
        <div class="insp-sides">
          <Side id={c.id} label={t('inspector.check.site')} list={detail.photos.checks} side="checks" />
        </div>
      )}
      {feedback?.reason && (
        <div class="phone-card">
          <span class="insp-label">{t('inspector.check.feedback')}</span>
          <p>{feedback.reason}</p>
        </div>
      )}
      {waiting ? (
        <div class="phone-card phone-form">
          <span class="insp-label">{t('inspector.check.site')}</span>
          <PhotoPicker shots={shots} onChange={setShots} label={t('inspector.check.site')} />
          <label>
            {t('inspector.check.reason')}
            <textarea
              name="reason"
              rows={3}
              value={reason}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <div class="phone-form-buttons">
            <button
              type="button"
              class="phone-btn danger"
              disabled={busy || sending !== undefined}
              data-testid="check-rework"
              onClick={() => decide('rework')}
            >
              {t('inspector.check.rework')}
            </button>
            <button
              type="button"
              class="phone-btn primary"
              disabled={busy || sending !== undefined}
              data-testid="check-verify"
              onClick={() => decide('verify')}
            >
              {t('inspector.check.verify')}
            </button>
          </div>
        </div>
      ) : (
        <a class="phone-btn block" href={href(['phone', 'checks'])} data-testid="check-done">
          {t('inspector.check.back')}
        </a>
      )}
    </section>
  );
}
