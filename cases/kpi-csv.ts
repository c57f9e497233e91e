/** KPI report as CSV: one row per dimension and key, rates as fractions, hours with two decimals. */
import type { KpiReport, KpiRow } from './kpi.ts';

const COLUMNS: readonly (keyof KpiRow)[] = [
  'registered',
  'closed',
  'closeRate',
  'due',
  'handled',
  'handledOnTime',
  'handledOnTimeRate',
  'closedOnTime',
  'closedOnTimeRate',
  'reworked',
  'reworkRate',
  'overdueUnhandled',
  'avgHandlingHours',
  'avgHandlingWorkHours',
  'supervised',
];

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function kpiCsv(report: KpiReport): string {
  const lines = [['dimension', 'key', ...COLUMNS].join(',')];
  const add = (dimension: string, rows: readonly KpiRow[]): void => {
    for (const r of rows) lines.push([dimension, r.key, ...COLUMNS.map((c) => r[c])].map(cell).join(','));
  };
  add('total', [report.total]);
  add('unit', report.byUnit);
  add('grid', report.byGrid);
  add('category', report.byCategory);
  add('contractor', report.byContractor);
  return `${lines.join('\r\n')}\r\n`;
}
