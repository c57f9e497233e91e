import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { tempDir } from '../kernel/testing.ts';
import type { CaseStatus } from '../kernel/types/index.ts';
import { hit, startCases, type Harness, useBackend } from './fixture.ts';
import { computeKpis, type KpiCase, type KpiEvent } from './kpi.ts';
import { kpiCsv } from './kpi-csv.ts';
import { loadKpiCases } from './kpi-load.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const H = 3_600_000;
/** Timeline shorthand: [hour, action, to-status]. */
const ev = (...rows: [number, string, CaseStatus?][]): KpiEvent[] =>
  rows.map(([h, action, to]) => ({ ts: h * H, action, ...(to ? { to } : {}) }));
const created: [number, string, CaseStatus] = [0, 'created', 'reported'];
const halfWork = (a: number, b: number): number => (b - a) / H / 2;

/** Eight cases; the expected figures below were worked out by hand from these timelines (hours). */
const fixture: KpiCase[] = [
  {
    id: 'A',
    category: '05-04',
    unitId: 'u1',
    gridCell: 'g1',
    deadline: 10 * H,
    events: ev(
      created,
      [0, 'register', 'registered'],
      [1, 'dispatch', 'dispatched'],
      [2, 'accept', 'handling'],
      [5, 'handle', 'handled'],
      [6, 'verify', 'closed'],
    ),
  },
  {
    id: 'B',
    category: '05-04',
    unitId: 'u1',
    gridCell: 'g2',
    deadline: 12 * H,
    events: ev(
      created,
      [2, 'register', 'registered'],
      [2, 'dispatch', 'dispatched'],
      [3, 'accept', 'handling'],
      [8, 'handle', 'handled'],
      [9, 'rework', 'handling'],
      [14, 'handle', 'handled'],
      [15, 'verify', 'closed'],
    ),
  },
  {
    id: 'C',
    category: '01-02',
    unitId: 'u2',
    gridCell: 'g1',
    contractor: 'c1',
    deadline: 20 * H,
    events: ev(
      created,
      [10, 'register', 'registered'],
      [10, 'dispatch', 'dispatched'],
      [11, 'accept', 'handling'],
      [12, 'urge'],
      [13, 'escalate'],
    ),
  },
  {
    id: 'D',
    category: '01-02',
    unitId: 'u2',
    gridCell: 'g1',
    contractor: 'c1',
    events: ev(created, [50, 'register', 'registered']),
  },
  {
    id: 'E',
    category: '01-02',
    unitId: 'u2',
    gridCell: 'g1',
    deadline: 160 * H,
    events: ev(created, [150, 'register', 'registered'], [150, 'dispatch', 'dispatched']),
  },
  { id: 'F', category: '05-04', events: ev(created, [1, 'reject', 'rejected']) },
  {
    id: 'G',
    category: '05-04',
    unitId: 'u1',
    gridCell: 'g2',
    deadline: 90 * H,
    events: ev(
      created,
      [80, 'register', 'registered'],
      [80, 'dispatch', 'dispatched'],
      [81, 'accept', 'handling'],
      [85, 'handle', 'handled'],
      [120, 'verify', 'closed'],
    ),
  },
  {
    id: 'H',
    category: '01-02',
    unitId: 'u2',
    gridCell: 'g2',
    contractor: 'c1',
    deadline: 99 * H,
    // 督办 after the period's end: not counted
    events: ev(created, [95, 'register', 'registered'], [95, 'dispatch', 'dispatched'], [101, 'escalate']),
  },
];

describe('computeKpis on a hand-computed fixture', () => {
  const r = computeKpis(fixture, { from: 0, to: 100 * H, now: 200 * H }, halfWork);

  it('totals: cohort A B C D G H (E registered after the period, F never registered)', () => {
    expect(r.total).toEqual({
      key: 'total',
      registered: 6,
      closed: 2, // A, B (G closes at 120 h, after the period)
      closeRate: 2 / 6,
      due: 5, // A B C G H
      handled: 3, // A B G
      handledOnTime: 2, // A (5 ≤ 10), G (85 ≤ 90); B's latest handle 14 > 12
      handledOnTimeRate: 2 / 5,
      closedOnTime: 1, // A
      closedOnTimeRate: 1 / 6,
      reworked: 1, // B
      reworkRate: 1 / 6,
      overdueUnhandled: 2, // C handling past 20 h, H dispatched past 99 h
      avgHandlingHours: (4 + 12 + 5) / 3,
      avgHandlingWorkHours: (2 + 6 + 2.5) / 3,
      supervised: 1, // C (H's 督办 comes after the period)
    });
  });

  it('per unit, grid, category and contractor', () => {
    const pick = (rows: typeof r.byUnit): unknown[] =>
      rows.map((x) => [x.key, x.registered, x.closed, x.due, x.handledOnTime, x.overdueUnhandled, x.avgHandlingHours]);
    expect(pick(r.byUnit)).toEqual([
      ['u1', 3, 2, 3, 2, 0, 7],
      ['u2', 3, 0, 2, 0, 2, null],
    ]);
    expect(r.byUnit.map((x) => [x.key, x.supervised])).toEqual([
      ['u1', 0],
      ['u2', 1],
    ]);
    expect(pick(r.byGrid)).toEqual([
      ['g1', 3, 1, 2, 1, 1, 4],
      ['g2', 3, 1, 3, 1, 1, 8.5],
    ]);
    expect(pick(r.byCategory)).toEqual([
      ['01-02', 3, 0, 2, 0, 2, null],
      ['05-04', 3, 2, 3, 2, 0, 7],
    ]);
    expect(pick(r.byContractor)).toEqual([['c1', 3, 0, 2, 0, 2, null]]);
    expect(r.byUnit[1]!.handledOnTimeRate).toBe(0);
    expect(r.byGrid[1]!.handledOnTimeRate).toBeCloseTo(1 / 3, 12);
  });

  it('a period still running is evaluated as of now', () => {
    const mid = computeKpis(fixture, { from: 0, to: 100 * H, now: 50 * H }, halfWork);
    // A B C registered before 50 h, D exactly at 50 h (now counts); G and H later.
    expect(mid.total).toMatchObject({ registered: 4, closed: 2, due: 3, overdueUnhandled: 1 });
    expect(mid.asOf).toBe(50 * H);
  });

  it('empty periods give zeros and null rates', () => {
    expect(computeKpis(fixture, { from: 300 * H, to: 400 * H, now: 500 * H }, halfWork).total).toMatchObject({
      registered: 0,
      closeRate: null,
      handledOnTimeRate: null,
      avgHandlingHours: null,
    });
  });

  it('CSV has one line per dimension and key with the same figures', () => {
    const lines = kpiCsv(r).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      [
        'dimension,key,registered,closed,closeRate,due,handled,handledOnTime,handledOnTimeRate,closedOnTime',
        'closedOnTimeRate,reworked,reworkRate,overdueUnhandled,avgHandlingHours,avgHandlingWorkHours,supervised',
      ].join(','),
    );
    expect(lines[1]).toBe('total,total,6,2,0.3333,5,3,2,0.4000,1,0.1667,1,0.1667,2,7,3.5000,1');
    expect(lines).toHaveLength(1 + 1 + 2 + 2 + 2 + 1);
    expect(lines.at(-1)).toBe('contractor,c1,3,0,0,2,0,0,0,0,0,0,0,2,,,1');
  });
});

describeBackends('KPIs from the store', (_open, ctx) => {
  useBackend(ctx);

  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  it('loads registered cases with their timelines and computes the same way', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T09:00:00+08:00'));
    h = await startCases(tempDir('gw-kpi-'), clock);
    const svc = h.module.service;
    const t0 = clock.now();
    h.bus.emit('hit', { phase: 'start', hit: hit('a') }); // 05-04, 2 working hours → deadline 11:00
    h.bus.emit('hit', { phase: 'start', hit: hit('b', { zoneId: 'z-b', location: { lat: 34.02, lon: 118.02 } }) });
    const [a, b] = loadKpiCases(h.store.db, t0, t0 + H).map((c) => c.id);
    const hq = { id: 'h-sq', role: 'handler' as const, unit: 'squad' };
    clock.advance(H);
    svc.act(a!, { action: 'accept' }, hq);
    svc.act(a!, { action: 'handle', reason: 'moved on' }, hq);
    clock.advance(0.5 * H);
    svc.act(a!, { action: 'verify', reason: 'checked' }, { id: 'op', role: 'operator' });
    clock.advance(2 * H); // 11:30: b is past its 11:00 deadline, never accepted
    const r = computeKpis(
      loadKpiCases(h.store.db, t0, t0 + 24 * H),
      { from: t0, to: t0 + 24 * H, now: clock.now() },
      (x, y) => svc.catalog.workingHoursBetween(x, y),
    );
    expect(b).toBeDefined();
    expect(r.total).toMatchObject({
      registered: 2,
      closed: 1,
      due: 2,
      handledOnTime: 1,
      closedOnTime: 1,
      overdueUnhandled: 1,
      avgHandlingHours: 1,
      avgHandlingWorkHours: 1,
    });
    expect(r.byUnit.map((x) => x.key)).toEqual(['squad']);
    // c judged a false alarm (误报 → 作废) a minute after it was registered: it leaves the figures from then on
    const createdAt = clock.now();
    h.bus.emit('hit', { phase: 'start', hit: hit('c', { zoneId: 'z-c', location: { lat: 34.03, lon: 118.03 } }) });
    clock.advance(60_000);
    expect(
      h.module.verdicts.judgeHit('c', { verdict: 'false', reason: 'wrong-object' }, { id: 'op', role: 'operator' }).ok,
    ).toBe(true);
    const after = computeKpis(
      loadKpiCases(h.store.db, t0, t0 + 24 * H),
      { from: t0, to: t0 + 24 * H, now: clock.now() },
      (x, y) => svc.catalog.workingHoursBetween(x, y),
    );
    expect(after.total).toMatchObject({ registered: 2, closed: 1, due: 2 });
    const before = computeKpis(
      loadKpiCases(h.store.db, t0, t0 + 24 * H),
      { from: t0, to: createdAt + 1, now: clock.now() },
      (x, y) => svc.catalog.workingHoursBetween(x, y),
    );
    expect(before.total.registered).toBe(3);
  });
});
