/** The case list as a table (sortable, CSV export). */
import { DataTable, type Column } from '../../components/data-table.tsx';
import { t, timeZoneStore } from '../../i18n/index.ts';
import { csvTime } from '../../lib/csv.ts';
import { fmt } from '../../i18n/fmt.ts';
import { categoryName, serverNow, unitName } from '../../lib/config.ts';
import type { Case } from '../../lib/types.ts';
import { isOverdue } from './cases-api.ts';

/** CSV times in the calendar's local time (they were UTC ISO strings). */
const iso = (ts: number | undefined): string | undefined => csvTime(ts, timeZoneStore.get());

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{t(`case.status.${status}`)}</span>;
}

/** 督办: the case is under supervision (nothing when it is not). */
export function SupervisedBadge({ c }: { c: Case }) {
  if (!c.supervised) return null;
  return (
    <span
      class="badge supervised"
      title={t('case.supervisedBy', { by: c.supervised.byName ?? c.supervised.by, reason: c.supervised.reason })}
    >
      {t('case.supervised')}
    </span>
  );
}

export function CaseTable(props: { rows: readonly Case[]; selected?: string; onOpen: (c: Case) => void }) {
  const now = serverNow();
  const columns: Column<Case>[] = [
    { key: 'id', label: t('field.caseId'), value: (c) => c.id },
    {
      key: 'status',
      label: t('field.status'),
      value: (c) => t(`case.status.${c.status}`),
      render: (c) => (
        <>
          <StatusBadge status={c.status} /> <SupervisedBadge c={c} />
        </>
      ),
    },
    { key: 'category', label: t('field.category'), value: (c) => `${c.category} ${categoryName(c.category)}` },
    { key: 'source', label: t('field.source'), value: (c) => t(`case.source.${c.source}`) },
    { key: 'grid', label: t('field.grid'), value: (c) => c.gridCell },
    { key: 'unit', label: t('field.unit'), value: (c) => unitName(c.unitId) },
    {
      key: 'created',
      label: t('field.created'),
      value: (c) => iso(c.createdAt),
      render: (c) => fmt.short(c.createdAt),
    },
    {
      key: 'deadline',
      label: t('field.deadline'),
      value: (c) => iso(c.deadline),
      render: (c) => <span class={isOverdue(c, now) ? 'overdue' : ''}>{c.deadline ? fmt.short(c.deadline) : '—'}</span>,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={props.rows}
      rowKey={(c) => c.id}
      csvName="cases.csv"
      onRow={props.onOpen}
      selected={props.selected}
      testId="case-table"
    />
  );
}
