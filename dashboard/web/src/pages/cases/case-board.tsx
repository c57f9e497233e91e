/** 案件 board: filters, the list (live: new and changed cases refresh it), and the chosen case beside it. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { useLive } from '../../lib/live.ts';
import { navigate, type Route } from '../../lib/router.ts';
import { CaseDetail } from './case-detail.tsx';
import { CaseFilters } from './case-filters.tsx';
import { CaseSearch } from './case-search.tsx';
import { CaseTable } from './case-table.tsx';
import { DRILL_KEYS, listCases, PAGE_SIZE, type CaseFilter, type CasePage } from './cases-api.ts';
import { DrillBanner } from '../stats/drill-banner.tsx';

const KEYS: readonly (keyof CaseFilter)[] = [
  'status',
  'category',
  'grid',
  'unit',
  'overdue',
  'q',
  'from',
  'to',
  'page',
  ...DRILL_KEYS,
];

export function CaseBoard({ route }: { route: Route }) {
  const id = route.parts[1];
  const filter: CaseFilter = Object.fromEntries(
    KEYS.flatMap((k) => (route.query.get(k) ? [[k, route.query.get(k)!]] : [])),
  );
  const filterKey = route.query.toString();
  const [page, setPage] = useState<CasePage>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    listCases(filter).then(
      (p) => {
        setPage(p);
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, [filterKey]);
  useEffect(load, [load]);
  useLive('case', () => load());
  const go = (f: CaseFilter, caseId = id): void => navigate(caseId ? ['cases', caseId] : ['cases'], { ...f });
  const pages = page ? Math.max(1, Math.ceil(page.total / PAGE_SIZE)) : 1;
  return (
    <div class={`case-board ${id ? 'with-detail' : ''}`}>
      <section class="panel">
        <div class="panel-head">
          <h2>
            {t('nav.cases')} <span class="count">{page?.total ?? '…'}</span>
          </h2>
        </div>
        <DrillBanner route={route} {...(page ? { total: page.total } : {})} />
        <CaseSearch filter={filter} onChange={(f) => go(f)} />
        <CaseFilters filter={filter} onChange={(f) => go(f)} />
        {error && <p class="form-error">{error}</p>}
        <CaseTable rows={page?.items ?? []} selected={id} onOpen={(c) => go(filter, c.id)} />
        {pages > 1 && (
          <div class="pager">
            <button
              type="button"
              class="btn small"
              disabled={(page?.page ?? 1) <= 1}
              onClick={() => go({ ...filter, page: String((page?.page ?? 1) - 1) })}
            >
              ‹
            </button>
            <span>{t('table.page', { page: page?.page ?? 1, pages })}</span>
            <button
              type="button"
              class="btn small"
              disabled={(page?.page ?? 1) >= pages}
              onClick={() => go({ ...filter, page: String((page?.page ?? 1) + 1) })}
            >
              ›
            </button>
          </div>
        )}
      </section>
      {id && (
        <section class="panel detail-panel">
          <button type="button" class="btn small ghost close-detail" onClick={() => go(filter, '')}>
            ✕
          </button>
          <CaseDetail key={id} id={id} onChanged={load} />
        </section>
      )}
    </div>
  );
}
