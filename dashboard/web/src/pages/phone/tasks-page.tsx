/**
 * 我的任务: the unit's open cases (dispatched, handling), overdue first, then by deadline, each with the time left in
 * working hours; refreshed live when a case changes. A card opens the case page.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { categoryName, configStore, serverNow } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import { href } from '../../lib/router.ts';
import type { Case } from '../../lib/types.ts';
import { StatusBadge } from '../cases/case-table.tsx';
import { listCases } from '../cases/cases-api.ts';
import { byUrgency, workingHoursLeft } from './time-left.ts';

/** "剩 2.5 工作时" / "超期 1.0 工作时" / nothing without a deadline. */
export function TimeLeft({ deadline }: { deadline?: number }) {
  const cal = configStore.get()?.calendar;
  if (deadline === undefined || !cal) return null;
  const h = workingHoursLeft(cal, deadline, serverNow());
  const overdue = deadline < serverNow();
  return (
    <span class={`time-left ${overdue ? 'overdue' : h <= 1 ? 'soon' : ''}`} data-hours={h.toFixed(2)}>
      {overdue ? t('phone.overdueBy', { h: fmt.number(-h, 1) }) : t('phone.hoursLeft', { h: fmt.number(h, 1) })}
    </span>
  );
}

function TaskCard({ c }: { c: Case }) {
  return (
    <li>
      <a class="task-card" href={href(['phone', 'case', c.id])} data-case={c.id} data-status={c.status}>
        <div class="task-row">
          <strong class="task-cat">{categoryName(c.category)}</strong>
          <StatusBadge status={c.status} />
        </div>
        <div class="task-row muted">
          <span class="task-place">{c.address ?? c.gridCell ?? c.id}</span>
          <TimeLeft deadline={c.deadline} />
        </div>
        <div class="task-row small muted">
          <span>{c.id}</span>
          {c.deadline !== undefined && <span>{t('phone.due', { at: fmt.short(c.deadline) })}</span>}
        </div>
      </a>
    </li>
  );
}

export function TasksPage() {
  const [cases, setCases] = useState<readonly Case[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    listCases({ status: 'dispatched,handling' }).then(
      (p) => {
        setCases(byUrgency(p.items, serverNow()));
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, []);
  useEffect(load, [load]);
  useLive('case', load);
  if (error) return <p class="form-error">{error}</p>;
  if (!cases) return <p class="loading">{t('app.loading')}</p>;
  return (
    <section class="phone-tasks">
      <p class="phone-sub muted">{t('phone.tasks.count', { n: cases.length })}</p>
      {cases.length === 0 ? (
        <p class="empty">{t('phone.tasks.none')}</p>
      ) : (
        <ul class="task-list" data-testid="task-list">
          {cases.map((c) => (
            <TaskCard key={c.id} c={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
