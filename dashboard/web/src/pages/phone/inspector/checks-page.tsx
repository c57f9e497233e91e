/** 核查 list: cases in my grid cells fed back by the unit and waiting for verification, longest waiting first. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fmt } from '../../../i18n/fmt.ts';
import { t } from '../../../i18n/index.ts';
import { categoryName } from '../../../lib/config.ts';
import { useLive } from '../../../lib/live.ts';
import { href } from '../../../lib/router.ts';
import { StatusBadge } from '../../cases/case-table.tsx';
import { listTasks, type TaskList } from './inspector-api.ts';

export function ChecksPage() {
  const [list, setList] = useState<TaskList>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    listTasks().then(
      (l) => {
        setList(l);
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, []);
  useEffect(load, [load]);
  useLive('case', load);
  if (error) return <p class="form-error">{error}</p>;
  if (!list) return <p class="loading">{t('app.loading')}</p>;
  return (
    <section class="phone-tasks insp-checks">
      <p class="phone-sub muted">{t('inspector.checks.count', { n: list.total, cells: list.cells.length })}</p>
      {list.items.length === 0 ? (
        <p class="empty">{t('inspector.checks.none')}</p>
      ) : (
        <ul class="task-list" data-testid="check-list">
          {list.items.map(({ case: c }) => (
            <li key={c.id}>
              <a class="task-card" href={href(['phone', 'check', c.id])} data-case={c.id} data-status={c.status}>
                <div class="task-row">
                  <strong class="task-cat">{categoryName(c.category)}</strong>
                  <StatusBadge status={c.status} />
                </div>
                <div class="task-row muted">
                  <span class="task-place">{c.address ?? c.description}</span>
                  <span>{t('inspector.checks.handledAt', { at: fmt.short(c.handledAt) })}</span>
                </div>
                <div class="task-row small muted">
                  <span>{c.id}</span>
                  <span>{c.gridCell}</span>
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
