/**
 * The workflow buttons the server says this user may use on this case now; an action that needs a reason, a unit,
 * hours or a score opens a small form first. Refusals and bad input come back localised from the server.
 */
import { useState } from 'preact/hooks';
import { RULES } from '../../../../../cases/rules.ts';
import { t } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { configStore } from '../../lib/config.ts';
import type { Case } from '../../lib/types.ts';
import { actOnCase, type ActionInput, type AllowedAction, type CaseAction } from './cases-api.ts';

function ActionForm(props: { c: Case; action: CaseAction; onDone: () => void; onCancel: () => void }) {
  const needs = RULES[props.action].needs ?? [];
  const dispatch = props.action === 'dispatch';
  const [reason, setReason] = useState('');
  const [unit, setUnit] = useState(props.c.unitId ?? '');
  const [hours, setHours] = useState('');
  const [score, setScore] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const input: ActionInput = {
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(dispatch && unit ? { unit } : {}),
      ...(hours !== '' ? { hours: Number(hours) } : {}),
      ...(score !== '' ? { score: Number(score) } : {}),
    };
    try {
      await actOnCase(props.c.id, props.action, input);
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form class="action-form card" onSubmit={(e) => void submit(e)} data-action={props.action} noValidate>
      <h3>{t(`case.action.${props.action}`)}</h3>
      {dispatch && (
        <label>
          {t('field.unit')}
          <select name="unit" value={unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
            <option value="">{t('case.routedUnit')}</option>
            {configStore.get()?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {(needs.includes('reason') || props.action === 'evaluate' || props.action === 'urge') && (
        <label>
          {props.action === 'handle'
            ? t('case.feedback')
            : props.action === 'urge'
              ? t('case.urgeNote')
              : t('case.reason')}
          <textarea
            name="reason"
            rows={3}
            value={reason}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
        </label>
      )}
      {needs.includes('hours') && (
        <label>
          {t('case.hours')}
          <input
            name="hours"
            type="number"
            min="0.5"
            step="0.5"
            value={hours}
            onInput={(e) => setHours((e.target as HTMLInputElement).value)}
          />
        </label>
      )}
      {needs.includes('score') && (
        <label>
          {t('case.score')}
          <select name="score" value={score} onChange={(e) => setScore((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)} {n}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="btn primary">
          {t('app.confirm')}
        </button>
        <button type="button" class="btn ghost" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CaseActions(props: { c: Case; actions: readonly AllowedAction[]; onChanged: () => void }) {
  const [open, setOpen] = useState<CaseAction>();
  if (props.actions.length === 0) return <p class="muted">{t('case.noActions')}</p>;
  return (
    <div class="case-actions">
      <div class="actions" data-testid="case-actions">
        {props.actions.map((a) => (
          <button
            key={a.action}
            type="button"
            class={`btn ${open === a.action ? 'primary' : ''}`}
            data-action={a.action}
            onClick={() => setOpen(a.action)}
          >
            {t(`case.action.${a.action}`)}
          </button>
        ))}
      </div>
      {open && (
        <ActionForm
          key={open}
          c={props.c}
          action={open}
          onCancel={() => setOpen(undefined)}
          onDone={() => {
            setOpen(undefined);
            props.onChanged();
          }}
        />
      )}
    </div>
  );
}
