/** Compliance reports: daily vehicle reports, their per-contractor totals, and CSV. */
import type { ViolationKind } from '../../kernel/types/vehicle.ts';
import type { DayReport } from './day-stats.ts';

export interface ContractorDay {
  readonly contractor: string;
  readonly day: string;
  readonly vehicles: number;
  readonly distanceM: number;
  readonly workingM: number;
  readonly workingS: number;
  readonly inBandS: number;
  readonly coverage: number | null;
  readonly violations: Readonly<Partial<Record<ViolationKind, number>>>;
}

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'off-route',
  'overspeed',
  'underspeed',
  'late-start',
  'incomplete-coverage',
  'long-stop',
  'signal-lost',
  'forbidden-window',
];

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Totals per contractor and day (vehicles without a contractor are grouped under "(none)"). */
export function byContractor(days: readonly DayReport[]): ContractorDay[] {
  const groups = new Map<string, DayReport[]>();
  for (const d of days) {
    const k = `${d.contractor ?? '(none)'}\u0000${d.day}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  return [...groups.entries()]
    .map(([k, list]) => {
      const [contractor, day] = k.split('\u0000') as [string, string];
      const windows = list.flatMap((d) => d.windows);
      const assigned = sum(windows.map((w) => w.assignedM));
      const violations: Partial<Record<ViolationKind, number>> = {};
      for (const d of list)
        for (const [kind, n] of Object.entries(d.violations) as [ViolationKind, number][])
          violations[kind] = (violations[kind] ?? 0) + n;
      return {
        contractor,
        day,
        vehicles: new Set(list.map((d) => d.vehicleId)).size,
        distanceM: sum(list.map((d) => d.distanceM)),
        workingM: sum(list.map((d) => d.workingM)),
        workingS: sum(list.map((d) => d.workingS)),
        inBandS: sum(list.map((d) => d.inBandS)),
        coverage: assigned > 0 ? sum(windows.map((w) => w.coveredM)) / assigned : null,
        violations,
      };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.contractor.localeCompare(b.contractor));
}

const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV row per vehicle and day. */
export function reportsCsv(days: readonly DayReport[]): string {
  const head = [
    'day',
    'vehicle',
    'contractor',
    'plan',
    'distance_km',
    'working_km',
    'working_h',
    'in_band_share',
    'coverage',
    'mean_passes',
    'windows',
    'violations',
    ...VIOLATION_KINDS,
  ];
  const rows = days.map((d) => [
    d.day,
    d.vehicleId,
    d.contractor ?? '',
    d.planId,
    d.distanceM / 1000,
    d.workingM / 1000,
    d.workingS / 3600,
    d.workingS > 0 ? d.inBandS / d.workingS : null,
    d.coverage,
    d.meanPasses,
    d.windows.length,
    sum(Object.values(d.violations)),
    ...VIOLATION_KINDS.map((k) => d.violations[k] ?? 0),
  ]);
  return `${[head, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
