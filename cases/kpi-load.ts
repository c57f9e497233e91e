/** Reads the KPI input — cases registered in a period with their timelines — from the store. */
import type { Db } from '../kernel/db.ts';
import type { Case, CaseStatus } from '../kernel/types/index.ts';
import type { KpiCase, KpiEvent } from './kpi.ts';

export function loadKpiCases(db: Db, from: number, to: number): KpiCase[] {
  const cases = db
    .prepare(
      `SELECT data FROM cases WHERE id IN
         (SELECT case_id FROM case_events WHERE action = 'register' AND ts >= ? AND ts < ?)`,
    )
    .pluck()
    .all(from, to) as string[];
  const events = new Map<string, KpiEvent[]>();
  const rows = db
    .prepare(
      `SELECT e.case_id AS id, e.ts, e.action, e.to_status AS status FROM case_events e WHERE e.case_id IN
         (SELECT case_id FROM case_events WHERE action = 'register' AND ts >= ? AND ts < ?) ORDER BY e.case_id, e.seq`,
    )
    .all(from, to) as { id: string; ts: number; action: string; status: CaseStatus | null }[];
  for (const r of rows) {
    const list = events.get(r.id) ?? [];
    list.push(r.status ? { ts: r.ts, action: r.action, to: r.status } : { ts: r.ts, action: r.action });
    events.set(r.id, list);
  }
  return cases.map((json) => {
    const c = JSON.parse(json) as Case;
    return {
      id: c.id,
      category: c.category,
      gridCell: c.gridCell,
      unitId: c.unitId,
      contractor: c.contractor,
      source: c.source,
      deadline: c.deadline,
      events: events.get(c.id) ?? [],
    };
  });
}
