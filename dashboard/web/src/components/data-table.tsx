/** A sortable table whose every view can be exported as CSV (the same columns, raw values, localised headers). */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { downloadCsv, toCsv, type Cell } from '../lib/csv.ts';

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  /** The raw value: sorted on, exported to CSV. */
  readonly value: (row: T) => Cell;
  /** How it shows; the value when omitted. */
  readonly render?: (row: T) => ComponentChildren;
  readonly numeric?: boolean;
}

export function DataTable<T>(props: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  csvName: string;
  onRow?: (row: T) => void;
  selected?: string;
  empty?: string;
  testId?: string;
}) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>();
  const col = props.columns.find((c) => c.key === sort?.key);
  const rows = col
    ? [...props.rows].sort((a, b) => {
        const x = col.value(a) ?? '';
        const y = col.value(b) ?? '';
        return (
          (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort!.dir
        );
      })
    : props.rows;
  const exportCsv = (): void =>
    downloadCsv(
      props.csvName,
      toCsv(
        props.columns.map((c) => c.label),
        rows.map((r) => props.columns.map((c) => c.value(r))),
      ),
    );
  return (
    <div class="table-wrap" data-testid={props.testId}>
      <div class="table-tools">
        <span class="muted">{t('table.rows', { n: rows.length })}</span>
        <button type="button" class="btn small ghost" onClick={exportCsv} data-testid="export-csv">
          {t('table.exportCsv')}
        </button>
      </div>
      <table class="data">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} class={c.numeric ? 'num' : ''}>
                <button
                  type="button"
                  class="th-sort"
                  onClick={() => setSort({ key: c.key, dir: sort?.key === c.key && sort.dir === 1 ? -1 : 1 })}
                >
                  {c.label}
                  {sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={props.rowKey(r)}
              class={`${props.onRow ? 'clickable' : ''} ${props.selected === props.rowKey(r) ? 'selected' : ''}`}
              onClick={() => props.onRow?.(r)}
            >
              {props.columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : ''}>
                  {c.render ? c.render(r) : String(c.value(r) ?? '—')}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={props.columns.length} class="empty">
                {props.empty ?? t('table.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
