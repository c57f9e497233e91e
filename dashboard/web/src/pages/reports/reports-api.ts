/**
 * Data of the regulators' pages: per-vehicle day reports (route compliance), vehicle tracks, case KPIs. The shapes
 * are the telemetry and cases modules' own (type-only imports).
 */
import type { DayReport } from '../../../../../telemetry/route/day-stats.ts';
import type { KpiReport, KpiRow } from '../../../../../cases/kpi.ts';
import { api, query } from '../../lib/api.ts';
import type { Position, Violation } from '../../lib/types.ts';

export type { DayReport, KpiReport, KpiRow };

export interface Period {
  /** Local days YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
}

/** Per vehicle and day (telemetry/route/routes.ts); contractors are summed here over the whole period. */
export const dayReports = (p: Period): Promise<readonly DayReport[]> =>
  api
    .get<{ vehicles: DayReport[] }>(`/api/reports/compliance${query({ from: p.from, to: p.to })}`)
    .then((r) => r.vehicles);

export const caseKpis = (fromMs: number, toMs: number): Promise<KpiReport> =>
  api.get<KpiReport>(`/api/cases/kpi${query({ from: fromMs, to: toMs })}`);

export const vehicleTrack = (vehicleId: string, fromMs: number, toMs: number): Promise<readonly Position[]> =>
  api
    .get<{ points: Position[] }>(
      `/api/vehicles/${encodeURIComponent(vehicleId)}/track${query({ from: fromMs, to: toMs - 1 })}`,
    )
    .then((r) => r.points);

/** The vehicle's route violations that started in [from, to): the open ones and the recently closed ones. */
export async function vehicleViolations(
  vehicleId: string,
  fromMs: number,
  toMs: number,
): Promise<readonly Violation[]> {
  const [open, recent] = await Promise.all(
    (['open', 'recent'] as const).map((state) =>
      api.get<{ violations: Violation[] }>(`/api/route/violations?state=${state}`).then((r) => r.violations),
    ),
  );
  const seen = new Set<string>();
  return [...open!, ...recent!]
    .filter(
      (v) => v.vehicleId === vehicleId && v.start >= fromMs && v.start < toMs && !seen.has(v.id) && seen.add(v.id),
    )
    .sort((a, b) => a.start - b.start);
}
