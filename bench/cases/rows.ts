/**
 * The rows the case service writes for one automatic case (case, counter, 3 timeline rows, ref), as SQL and values
 * shared by the bare baselines (raw better-sqlite3, raw `pg`), and a bulk fill of N cases for the KPI query.
 */
import type { Db } from '../../kernel/db.ts';

export const T0 = Date.parse('2026-11-23T10:00:00+08:00');
export const DAY = '20261123';

export const where = (i: number): { lat: number; lon: number } => ({
  lat: 34.0 + (Math.floor(i / 50) % 50) * 0.00036,
  lon: 118.0 + (i % 50) * 0.00044,
});

export const SQL = {
  seq: 'INSERT INTO case_ids (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = case_ids.n + 1 RETURNING n',
  insert:
    'INSERT INTO cases (id, source, category, status, grid_cell, unit_id, lat, lon, created_at, updated_at, ' +
    'deadline, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  event:
    'INSERT INTO case_events (case_id, ts, actor, role, action, from_status, to_status, reason, data) VALUES ' +
    '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ref: 'INSERT INTO case_refs (ref, case_id, at) VALUES (?, ?, ?)',
} as const;

/** `?` → `$1…` for the bare `pg` baseline (these statements have no literals). */
export const dollar = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function caseValues(id: string, i: number, at = T0): unknown[] {
  const p = where(i);
  const data = { id, category: '05-04', source: 'camera', ...p, evidence: [{ path: 'x' }], deadline: at + 7_200_000 };
  return [
    id,
    'camera',
    '05-04',
    'dispatched',
    'g',
    'squad',
    p.lat,
    p.lon,
    at,
    at,
    at + 7_200_000,
    JSON.stringify(data),
  ];
}

export const ACTIONS = ['created', 'register', 'dispatch'] as const;
export const eventValues = (id: string, action: string, at = T0): unknown[] => [
  id,
  at,
  'system:auto',
  'system',
  action,
  null,
  'dispatched',
  null,
  '{}',
];

/** Insert `n` cases with their timelines (created, register, dispatch; every third handled and closed), in bulk. */
export function fillCases(db: Db, n: number, spanMs: number): void {
  const batch = 400;
  const caseStmt = new Map<number, ReturnType<Db['prepare']>>();
  const eventStmt = new Map<number, ReturnType<Db['prepare']>>();
  const multi = (cache: Map<number, ReturnType<Db['prepare']>>, sql: string, rows: number) => {
    let s = cache.get(rows);
    if (!s) {
      const [head, tuple] = sql.split(' VALUES ') as [string, string];
      s = db.prepare(`${head} VALUES ${Array<string>(rows).fill(tuple).join(', ')}`);
      cache.set(rows, s);
    }
    return s;
  };
  const write = db.transaction((from: number, to: number) => {
    const cases: unknown[] = [];
    const events: unknown[] = [];
    for (let i = from; i < to; i++) {
      const id = `2026K${String(i).padStart(7, '0')}`;
      const at = T0 + Math.floor((i / n) * spanMs);
      cases.push(...caseValues(id, i, at));
      for (const a of ACTIONS) events.push(...eventValues(id, a, at));
      if (i % 3 === 0) {
        events.push(...eventValues(id, 'handle', at + 3_600_000), ...eventValues(id, 'verify', at + 5_400_000));
      }
    }
    multi(caseStmt, SQL.insert, to - from).run(...cases);
    const perRow = 9;
    for (let k = 0; k < events.length; k += batch * perRow) {
      const chunk = events.slice(k, k + batch * perRow);
      multi(eventStmt, SQL.event, chunk.length / perRow).run(...chunk);
    }
  });
  for (let from = 0; from < n; from += batch) write(from, Math.min(n, from + batch));
}
