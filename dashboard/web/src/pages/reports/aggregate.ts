/**
 * Compliance figures over a period, from per-vehicle day reports. Coverage = Σ covered ÷ Σ assigned metres over the
 * windows (the telemetry module's definition, summed over vehicles and days); in-band share = time in the speed band
 * ÷ working time.
 */
import type { DayReport } from './reports-api.ts';

export interface ComplianceRow {
  readonly key: string;
  readonly contractor?: string;
  readonly vehicles: number;
  readonly days: number;
  readonly assignedM: number;
  readonly coveredM: number;
  readonly coverage: number | null;
  readonly distanceM: number;
  readonly workingM: number;
  readonly workingS: number;
  readonly inBand: number | null;
  readonly violations: number;
  readonly byKind: Readonly<Record<string, number>>;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

function sum(key: string, reports: readonly DayReport[]): ComplianceRow {
  const byKind: Record<string, number> = {};
  let assignedM = 0;
  let coveredM = 0;
  for (const r of reports) {
    for (const w of r.windows) {
      assignedM += w.assignedM;
      coveredM += w.coveredM;
    }
    for (const [k, n] of Object.entries(r.violations)) byKind[k] = (byKind[k] ?? 0) + (n ?? 0);
  }
  const workingS = reports.reduce((a, r) => a + r.workingS, 0);
  const contractor = reports.find((r) => r.contractor)?.contractor;
  return {
    key,
    ...(contractor ? { contractor } : {}),
    vehicles: new Set(reports.map((r) => r.vehicleId)).size,
    days: new Set(reports.map((r) => r.day)).size,
    assignedM,
    coveredM,
    coverage: ratio(coveredM, assignedM),
    distanceM: reports.reduce((a, r) => a + r.distanceM, 0),
    workingM: reports.reduce((a, r) => a + r.workingM, 0),
    workingS,
    inBand: ratio(
      reports.reduce((a, r) => a + r.inBandS, 0),
      workingS,
    ),
    violations: Object.values(byKind).reduce((a, n) => a + n, 0),
    byKind,
  };
}

function groupBy(reports: readonly DayReport[], key: (r: DayReport) => string): ComplianceRow[] {
  const groups = new Map<string, DayReport[]>();
  for (const r of reports) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, rs]) => sum(k, rs)).sort((a, b) => a.key.localeCompare(b.key));
}

export const byContractor = (reports: readonly DayReport[], none: string): ComplianceRow[] =>
  groupBy(reports, (r) => r.contractor ?? none);
export const byVehicle = (reports: readonly DayReport[]): ComplianceRow[] => groupBy(reports, (r) => r.vehicleId);
export const byDay = (reports: readonly DayReport[]): ComplianceRow[] => groupBy(reports, (r) => r.day);
export const total = (reports: readonly DayReport[]): ComplianceRow => sum('total', reports);
