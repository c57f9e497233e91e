/**
 * The workflow actions the server allows this user on this case now, as large buttons: 签收 in one tap, 回退 with a
 * reason, 延期申请 with hours and a reason, 处置反馈 with the feedback form (text and photos). Every write goes through
 * the outbox with the case version the user saw: offline it waits and is sent later; a refusal (a 409 when the case
 * changed meanwhile) is shown with the server's message in place of the buttons until resent or dropped.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { sessionStore } from '../../lib/session.ts';
import { caseEvidenceUrl, type ActionInput, type CaseAction, type CaseDetail } from '../cases/cases-api.ts';
import { FeedbackForm } from './feedback-form.tsx';
import { newWriteId, outbox, type PendingPhoto, usePending } from './outbox/index.ts';
import { PendingCards } from './pending-card.tsx';

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
  const [busy, setBusy] = useState(false);
  const c = detail.case;
  const waiting = usePending(c.id);
  const send = async (action: CaseAction, input: ActionInput, photos: PendingPhoto[] = []): Promise<void> => {
    setBusy(true);
    try {
      await outbox.add({
        id: newWriteId(),
        user: sessionStore.get()?.user.username ?? '',
        caseId: c.id,
        action,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.hours !== undefined ? { hours: input.hours } : {}),
        seen: c.updatedAt,
        photos,
        createdAt: Date.now(),
        state: 'pending',
      });
      setOpen(undefined);
      await outbox.flush();
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const before = c.evidence.findIndex((e) => e.kind === 'annotated');
  const first = before >= 0 ? before : c.evidence.findIndex((e) => e.mime.startsWith('image/') && e.kind !== 'photo');
  return (
    <section class="phone-actions">
      <PendingCards caseId={c.id} onChanged={onChanged} />
      {!open && waiting.length === 0 && detail.actions.length > 0 && (
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
      {open === 'handle' && (
        <FeedbackForm
          {...(first >= 0 ? { before: caseEvidenceUrl(c.id, first) } : {})}
          onSubmit={(reason, photos) => send('handle', { reason }, photos)}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open && open !== 'handle' && (
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
