/**
 * Writes of this case not yet on the server: waiting (sent by itself when the connection returns) or refused with
 * the server's message; after a conflict (409: the case changed meanwhile) the user resends against the case as it
 * is now, or drops the write.
 */
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import type { Case, CaseTimelineEntry } from '../../lib/types.ts';
import { outbox, usePending, type PendingWrite } from './outbox/index.ts';

interface Current {
  readonly case?: Case;
  readonly timeline?: readonly CaseTimelineEntry[];
}

const currentCase = (w: PendingWrite): Case | undefined => (w.current as Current | undefined)?.case;

/** "案件已被他人更新：operator 于 12:00 催办。" from the 409's current timeline, else the server's own words. */
function conflictText(w: PendingWrite): string {
  const last = (w.current as Current | undefined)?.timeline?.at(-1);
  if (!last) return w.error ?? '';
  return t('phone.pending.conflictBy', {
    who: last.actor.startsWith('system:') ? t('case.system') : last.actor,
    at: fmt.dateTime(last.ts),
    what: t(`case.action.${last.action}`),
  });
}

function Entry({ w, onChanged }: { w: PendingWrite; onChanged: () => void }) {
  const now = currentCase(w);
  return (
    <div
      class={`phone-card pending ${w.state}`}
      data-testid="pending"
      data-state={w.state}
      data-conflict={w.conflict ? 'yes' : 'no'}
    >
      <strong>
        {t(`case.action.${w.action}`)} · {t(w.state === 'pending' ? 'phone.pending.waiting' : 'phone.pending.refused')}
      </strong>
      {w.reason && <p class="phone-desc">{w.reason}</p>}
      {w.photos.length > 0 && (
        <p class="small muted">
          {t('phone.pending.photos', { n: w.photos.length, sent: w.photos.filter((p) => p.sent).length })}
        </p>
      )}
      {w.state === 'pending' && <p class="small muted">{t('phone.pending.hint')}</p>}
      {w.error && (
        <p class="form-error" role="alert">
          {w.conflict ? conflictText(w) : w.error}
        </p>
      )}
      {now && <p class="small">{t('phone.pending.now', { status: t(`case.status.${now.status}`) })}</p>}
      {w.state === 'failed' && (
        <div class="phone-form-buttons">
          <button
            type="button"
            class="phone-btn"
            onClick={() => void outbox.drop(w.id).then(onChanged)}
            data-testid="pending-drop"
          >
            {t('phone.pending.drop')}
          </button>
          {w.conflict && (
            <button
              type="button"
              class="phone-btn primary"
              data-testid="pending-retry"
              onClick={() =>
                void outbox
                  .retry(w.id, now?.updatedAt)
                  .then(() => outbox.flush())
                  .then(onChanged)
              }
            >
              {t('phone.pending.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function PendingCards({ caseId, onChanged }: { caseId?: string; onChanged: () => void }) {
  const pending = usePending(caseId);
  if (pending.length === 0) return null;
  return (
    <div class="phone-pending">
      {pending.map((w) => (
        <Entry key={w.id} w={w} onChanged={onChanged} />
      ))}
    </div>
  );
}
