/**
 * The workflow actions the server allows this user on this case now, as large buttons: 签收 in one tap, 回退 with a
 * reason, 延期申请 with hours and a reason, 处置反馈 with the feedback form (text and photos). Refusals come back
 * localised from the server and are shown above the buttons.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { actOnCase, type ActionInput, type CaseAction, type CaseDetail } from '../cases/cases-api.ts';

function ReasonForm(props: {
  action: CaseAction;
  hours?: boolean;
  onSubmit: (input: ActionInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('');
  return (
    <form
      class="phone-card phone-form"
      data-action={props.action}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit({
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(hours !== '' ? { hours: Number(hours) } : {}),
        });
      }}
    >
      <h2>{t(`case.action.${props.action}`)}</h2>
      {props.hours && (
        <label>
          {t('case.hours')}
          <input
            name="hours"
            type="number"
            inputMode="decimal"
            min="0.5"
            step="0.5"
            value={hours}
            onInput={(e) => setHours((e.target as HTMLInputElement).value)}
          />
        </label>
      )}
      <label>
        {t('case.reason')}
        <textarea
          name="reason"
          rows={3}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="phone-form-buttons">
        <button type="button" class="phone-btn" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
        <button type="submit" class="phone-btn primary">
          {t('app.confirm')}
        </button>
      </div>
    </form>
  );
}

export function PhoneActions({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const [open, setOpen] = useState<CaseAction>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const c = detail.case;
  const send = async (action: CaseAction, input: ActionInput): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await actOnCase(c.id, action, input);
      setOpen(undefined);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (detail.actions.length === 0) return null;
  return (
    <section class="phone-actions">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!open && (
        <div class="phone-action-buttons" data-testid="phone-actions">
          {detail.actions.map((a) => (
            <button
              key={a.action}
              type="button"
              class={`phone-btn ${a.action === 'accept' || a.action === 'handle' ? 'primary' : ''}`}
              data-action={a.action}
              disabled={busy}
              onClick={() => (a.action === 'accept' ? void send('accept', {}) : setOpen(a.action))}
            >
              {t(`case.action.${a.action}`)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ReasonForm
          key={open}
          action={open}
          hours={open === 'request-extension'}
          onSubmit={(input) => send(open, input)}
          onCancel={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
