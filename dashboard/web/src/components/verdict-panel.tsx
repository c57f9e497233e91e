/**
 * 确认 / 误报 on an automatic finding (a hit from the alert panel, or an automatic case): the latest verdict, and the
 * two buttons; 误报 asks for a reason from the short list plus free text. A false alarm ends the case on the server
 * (不予立案 before dispatch, 作废 after) and masks the spot; the answer's refusals come back localised.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { fmt } from '../i18n/fmt.ts';
import { api, ApiError } from '../lib/api.ts';
import type { FalseReason, HitVerdict } from '../lib/types.ts';

const REASONS: readonly FalseReason[] = ['wrong-object', 'allowed-activity', 'outside-zone', 'duplicate', 'other'];

export function verdictText(v: HitVerdict): string {
  const what = v.verdict === 'confirmed' ? t('verdict.confirmed') : t('verdict.false');
  const why = v.reason ? ` · ${t(`verdict.reason.${v.reason}`)}` : '';
  const note = v.note ? ` · ${v.note}` : '';
  return `${what}${why}${note} — ${v.by} · ${fmt.dateTime(v.at)}`;
}

export function VerdictPanel(props: { target: { hitId: string } | { caseId: string }; onDone?: () => void }) {
  const url = 'hitId' in props.target ? `/api/hits/${props.target.hitId}` : `/api/cases/${props.target.caseId}`;
  const [verdicts, setVerdicts] = useState<readonly HitVerdict[]>([]);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<FalseReason>('wrong-object');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const path = 'hitId' in props.target ? url : `${url}/verdicts`;
    api.get<{ verdicts: HitVerdict[] }>(path).then(
      (r) => setVerdicts(r.verdicts),
      () => setVerdicts([]),
    );
  }, [url, tick]);
  const send = async (body: Record<string, unknown>): Promise<void> => {
    try {
      await api.post(`${url}/verdict`, body);
      setAsking(false);
      setError(undefined);
      setTick((n) => n + 1);
      props.onDone?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const last = verdicts.at(-1);
  return (
    <section class="verdict-panel" data-testid="verdict-panel" data-verdict={last?.verdict ?? 'none'}>
      <h3>{t('verdict.title')}</h3>
      <p class={last ? `verdict-last ${last.verdict}` : 'muted'}>{last ? verdictText(last) : t('verdict.none')}</p>
      {!asking && (
        <div class="actions">
          <button
            type="button"
            class="btn"
            data-testid="verdict-confirm"
            onClick={() => void send({ verdict: 'confirmed' })}
          >
            {t('verdict.confirm')}
          </button>
          <button type="button" class="btn danger" data-testid="verdict-false" onClick={() => setAsking(true)}>
            {t('verdict.markFalse')}
          </button>
        </div>
      )}
      {asking && (
        <form
          class="action-form card"
          data-testid="verdict-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send({ verdict: 'false', reason, ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <label>
            {t('verdict.reasonLabel')}
            <select
              name="reason"
              value={reason}
              onChange={(e) => setReason((e.target as HTMLSelectElement).value as FalseReason)}
            >
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`verdict.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('verdict.note')}
            <textarea
              name="note"
              rows={2}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          <p class="muted">{t('verdict.falseHint')}</p>
          {error && <p class="form-error">{error}</p>}
          <div class="actions">
            <button type="submit" class="btn danger" data-testid="verdict-submit">
              {t('verdict.submitFalse')}
            </button>
            <button type="button" class="btn ghost" onClick={() => setAsking(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      {!asking && error && <p class="form-error">{error}</p>}
    </section>
  );
}
