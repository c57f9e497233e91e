/** Contractor and vehicle compliance tables (sortable, CSV), and the case KPI table by unit. */
import { DataTable, type Column } from '../../components/data-table.tsx';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { unitName, vehicleName } from '../../lib/config.ts';
import type { ComplianceRow } from './aggregate.ts';
import type { KpiRow } from './reports-api.ts';

const r3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
const km = (m: number): number => Math.round(m / 100) / 10;
const hours = (s: number): number => Math.round(s / 360) / 10;

function figures(): Column<ComplianceRow>[] {
  return [
    {
      key: 'coverage',
      label: t('reports.coverage'),
      value: (r) => r3(r.coverage),
      render: (r) => <Bar value={r.coverage} />,
      numeric: true,
    },
    {
      key: 'assigned',
      label: t('reports.assignedKm'),
      value: (r) => km(r.assignedM),
      render: (r) => fmt.number(km(r.assignedM), 1),
      numeric: true,
    },
    {
      key: 'working',
      label: t('reports.workingKm'),
      value: (r) => km(r.workingM),
      render: (r) => fmt.number(km(r.workingM), 1),
      numeric: true,
    },
    {
      key: 'hours',
      label: t('reports.workingHours'),
      value: (r) => hours(r.workingS),
      render: (r) => fmt.number(hours(r.workingS), 1),
      numeric: true,
    },
    {
      key: 'inBand',
      label: t('reports.inBand'),
      value: (r) => r3(r.inBand),
      render: (r) => fmt.percent(r.inBand),
      numeric: true,
    },
    { key: 'violations', label: t('reports.violations'), value: (r) => r.violations, numeric: true },
  ];
}

function Bar({ value }: { value: number | null }) {
  const cls = value === null ? '' : value >= 0.9 ? 'good' : value >= 0.7 ? 'fair' : 'poor';
  return (
    <span class={`pct-bar ${cls}`}>
      <em>{fmt.percent(value)}</em>
      <span class="pct-track">
        <span style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
      </span>
    </span>
  );
}

export function ContractorTable({ rows }: { rows: readonly ComplianceRow[] }) {
  const columns: Column<ComplianceRow>[] = [
    { key: 'contractor', label: t('reports.contractor'), value: (r) => r.key },
    { key: 'vehicles', label: t('reports.vehicles'), value: (r) => r.vehicles, numeric: true },
    ...figures(),
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      csvName="contractor-compliance.csv"
      testId="contractor-table"
    />
  );
}

export function VehicleTable({
  rows,
  onOpen,
}: {
  rows: readonly ComplianceRow[];
  onOpen: (vehicleId: string) => void;
}) {
  const columns: Column<ComplianceRow>[] = [
    {
      key: 'vehicle',
      label: t('field.vehicle'),
      value: (r) => vehicleName(r.key),
      render: (r) => <span class="link">{vehicleName(r.key)}</span>,
    },
    { key: 'contractor', label: t('reports.contractor'), value: (r) => r.contractor },
    { key: 'days', label: t('reports.days'), value: (r) => r.days, numeric: true },
    ...figures(),
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      csvName="vehicle-compliance.csv"
      onRow={(r) => onOpen(r.key)}
      testId="vehicle-table"
    />
  );
}

export function CaseKpiTable({ rows }: { rows: readonly KpiRow[] }) {
  const rate = (k: keyof KpiRow, label: string): Column<KpiRow> => ({
    key: k,
    label,
    value: (r) => r3(r[k] as number | null),
    render: (r) => fmt.percent(r[k] as number | null),
    numeric: true,
  });
  const columns: Column<KpiRow>[] = [
    { key: 'unit', label: t('field.unit'), value: (r) => unitName(r.key) },
    { key: 'registered', label: t('kpi.registered'), value: (r) => r.registered, numeric: true },
    { key: 'closed', label: t('kpi.closed'), value: (r) => r.closed, numeric: true },
    rate('closeRate', t('kpi.closeRate')),
    rate('handledOnTimeRate', t('kpi.handledOnTimeRate')),
    rate('closedOnTimeRate', t('kpi.closedOnTimeRate')),
    rate('reworkRate', t('kpi.reworkRate')),
    { key: 'overdue', label: t('kpi.overdueUnhandled'), value: (r) => r.overdueUnhandled, numeric: true },
    { key: 'supervised', label: t('kpi.supervised'), value: (r) => r.supervised, numeric: true },
    {
      key: 'avg',
      label: t('kpi.avgHandlingWorkHours'),
      value: (r) => r3(r.avgHandlingWorkHours),
      render: (r) => fmt.number(r.avgHandlingWorkHours, 1),
      numeric: true,
    },
  ];
  return (
    <DataTable columns={columns} rows={rows} rowKey={(r) => r.key} csvName="case-kpi-by-unit.csv" testId="kpi-table" />
  );
}
