/** A case's audit timeline: who did what, when, why; newest last. */
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import type { CaseTimelineEntry } from '../../lib/types.ts';

export function Timeline({ entries }: { entries: readonly CaseTimelineEntry[] }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {entries.map((e) => (
        <li key={e.seq} class={`tl-${e.action}`}>
          <span class="tl-time">{fmt.dateTime(e.ts)}</span>
          <span class="tl-what">
            <strong>{t(`case.action.${e.action}`)}</strong>
            {e.to && e.from !== e.to && <> → {t(`case.status.${e.to}`)}</>}
            {e.action === 'notice' && typeof e.data?.notice === 'string' && <>：{t(`case.notice.${e.data.notice}`)}</>}
          </span>
          <span class="tl-who muted">
            {e.actorName ?? (e.actor.startsWith('system:') ? t('case.system') : e.actor)}
          </span>
          {e.reason && <span class="tl-reason">{e.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
