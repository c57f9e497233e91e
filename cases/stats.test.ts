import { describe, expect, it } from 'vitest';
import { gridAreas } from '../kernel/grid-areas.ts';
import { CATALOG } from '../kernel/messages/index.ts';
import { FIGURE_COLUMNS } from './stats-labels.ts';
import type { CaseStatus } from '../kernel/types/index.ts';
import type { KpiCase, KpiEvent } from './kpi.ts';
import { computeStats, DIMENSIONS, figureCaseIds, NONE } from './stats.ts';
import { bySource, lastDays, perDay, thisMonth, today } from './stats-days.ts';

const H = 3_600_000;
const ev = (...rows: [number, string, CaseStatus?][]): KpiEvent[] =>
  rows.map(([h, action, to]) => ({ ts: h * H, action, ...(to ? { to } : {}) }));
const wh = (a: number, b: number): number => (b - a) / H;
const areas = gridAreas({
  areas: [
    { code: '440307001', name: '龙城街道', level: 'street' },
    { code: '440307002', name: '龙岗街道', level: 'street' },
    { code: '440307001001', name: '回龙埔社区', level: 'community' },
  ],
});
const loop = (reg: number, close?: number): KpiEvent[] =>
  ev(
    [reg, 'register', 'registered'],
    [reg, 'dispatch', 'dispatched'],
    ...(close === undefined ? [] : [[close, 'handle', 'handled'] as [number, string, CaseStatus]]),
    ...(close === undefined ? [] : [[close, 'verify', 'closed'] as [number, string, CaseStatus]]),
  );

/** Six cases over two streets, three sources, two units; figures below worked out by hand. */
const cases: KpiCase[] = [
  // street 001, community 001: camera, closed on time
  {
    id: 'a',
    category: '05-04',
    gridCell: '440307001001001',
    unitId: 'u1',
    source: 'camera',
    deadline: 10 * H,
    events: loop(1, 5),
  },
  // same cell, citizen, closed late
  {
    id: 'b',
    category: '05-01',
    gridCell: '440307001001001',
    unitId: 'u1',
    source: 'citizen',
    deadline: 3 * H,
    events: loop(2, 6),
  },
  // street 001, community 002 (unnamed): vehicle, contractor, open and overdue at now=20
  {
    id: 'c',
    category: '90-01',
    gridCell: '440307001002003',
    unitId: 'u2',
    contractor: 'k1',
    source: 'vehicle',
    deadline: 8 * H,
    events: loop(3),
  },
  // street 002: inspector, closed with a rework
  {
    id: 'd',
    category: '01-02',
    gridCell: '440307002001001',
    unitId: 'u2',
    source: 'inspector',
    deadline: 30 * H,
    events: ev(
      [4, 'register', 'registered'],
      [4, 'dispatch', 'dispatched'],
      [5, 'handle', 'handled'],
      [6, 'rework', 'handling'],
      [7, 'handle', 'handled'],
      [8, 'verify', 'closed'],
    ),
  },
  // no grid cell, no unit: registered only
  { id: 'e', category: '01-03', source: 'citizen', events: ev([5, 'register', 'registered']) },
  // registered after the period: not counted
  { id: 'f', category: '05-04', gridCell: '440307001001001', unitId: 'u1', source: 'camera', events: loop(30) },
];
const period = { from: 0, to: 24 * H, now: 20 * H };

describe('statistics by dimension', () => {
  it('by street, community, cell, class, category, unit, contractor and source', () => {
    const by = (dim: Parameters<typeof computeStats>[2]) =>
      Object.fromEntries(computeStats(cases, period, dim, {}, areas, wh).rows.map((r) => [r.key, r.registered]));
    expect(by('street')).toEqual({ '440307001': 3, '440307002': 1, [NONE]: 1 });
    expect(by('community')).toEqual({ '440307001001': 2, [NONE]: 3 });
    expect(by('grid')).toEqual({ '440307001001001': 2, '440307001002003': 1, '440307002001001': 1, [NONE]: 1 });
    expect(by('major')).toEqual({ '05': 2, '90': 1, '01': 2 });
    expect(by('category')).toEqual({ '05-04': 1, '05-01': 1, '90-01': 1, '01-02': 1, '01-03': 1 });
    expect(by('unit')).toEqual({ u1: 2, u2: 2, [NONE]: 1 });
    expect(by('contractor')).toEqual({ k1: 1 });
    expect(by('source')).toEqual({ camera: 1, citizen: 2, vehicle: 1, inspector: 1 });
  });

  it('rates per row with the cases/README formulas', () => {
    const r = computeStats(cases, period, 'street', {}, areas, wh);
    const s1 = r.rows.find((x) => x.key === '440307001')!;
    expect(s1).toMatchObject({ registered: 3, closed: 2, closedOnTime: 1, due: 3, handled: 2, handledOnTime: 1 });
    expect(s1.closeRate).toBeCloseTo(2 / 3);
    expect(s1.closedOnTimeRate).toBeCloseTo(1 / 3);
    expect(s1.overdueUnhandled).toBe(1);
    const s2 = r.rows.find((x) => x.key === '440307002')!;
    expect(s2).toMatchObject({ registered: 1, closed: 1, reworked: 1, reworkRate: 1 });
    expect(r.total).toMatchObject({ registered: 5, closed: 3, reworked: 1, overdueUnhandled: 1 });
    // nothing due: the rate is null ("—" in the UI), not 0
    expect(r.rows.find((x) => x.key === NONE)!.handledOnTimeRate).toBeNull();
  });

  it('大类 → 小类: a major row drills into its categories', () => {
    const major = computeStats(cases, period, 'major', {}, areas, wh).rows.find((x) => x.key === '05')!;
    expect(major.filter).toBe('05-*');
    const minor = computeStats(cases, period, 'category', { category: major.filter }, areas, wh);
    expect(minor.rows.map((x) => x.key).sort()).toEqual(['05-01', '05-04']);
    expect(minor.total.registered).toBe(major.registered);
  });

  it('a date range counts the cases registered in it, evaluated as of min(to, now)', () => {
    expect(computeStats(cases, { from: 2 * H, to: 4 * H, now: 20 * H }, 'unit', {}, areas, wh).total.registered).toBe(
      2,
    );
    // the range ends before b's closure: b is counted registered, not closed
    const early = computeStats(cases, { from: 0, to: 3 * H, now: 20 * H }, 'unit', {}, areas, wh);
    expect(early.total).toMatchObject({ registered: 2, closed: 0 });
    expect(computeStats(cases, { from: 0, to: 40 * H, now: 40 * H }, 'unit', {}, areas, wh).total.registered).toBe(6);
  });

  it('the drill-down lists exactly the cases counted, for every row and figure', () => {
    for (const dim of ['street', 'community', 'grid', 'major', 'unit', 'contractor', 'source'] as const) {
      const r = computeStats(cases, period, dim, {}, areas, wh);
      for (const row of r.rows) {
        const filter = {
          [(
            {
              street: 'street',
              community: 'community',
              grid: 'cell',
              major: 'category',
              unit: 'unit',
              contractor: 'contractor',
              source: 'source',
            } as const
          )[dim]]: row.filter,
        };
        for (const fig of ['registered', 'closed', 'closedOnTime', 'reworked', 'overdueUnhandled'] as const)
          expect(figureCaseIds(cases, period, fig, filter, areas).length, `${dim} ${row.key} ${fig}`).toBe(row[fig]);
      }
    }
    expect(figureCaseIds(cases, period, 'overdueUnhandled', {}, areas)).toEqual(['c']);
    expect(figureCaseIds(cases, period, 'closed', { street: '440307001' }, areas).sort()).toEqual(['a', 'b']);
    expect(figureCaseIds(cases, period, 'registered', { unit: NONE }, areas)).toEqual(['e']);
  });
});

describe('local days (time-zone day boundaries)', () => {
  const tz = 'Asia/Shanghai';
  // 2026-12-04T16:30Z is 00:30 on 5 Dec in Shanghai; 15:59Z is still 4 Dec
  const afterMidnight = Date.parse('2026-12-04T16:30:00Z');
  const beforeMidnight = Date.parse('2026-12-04T15:59:00Z');

  it('today starts at local midnight, not UTC midnight', () => {
    const d = today(Date.parse('2026-12-05T03:00:00Z'), tz);
    expect(d).toEqual({
      day: '2026-12-05',
      from: Date.parse('2026-12-04T16:00:00Z'),
      to: Date.parse('2026-12-05T16:00:00Z'),
    });
    const reports = [
      { createdAt: afterMidnight, source: 'camera' as const },
      { createdAt: beforeMidnight, source: 'citizen' as const },
    ];
    expect(bySource(reports, d.from, d.to)).toMatchObject({ camera: 1, citizen: 0 });
  });

  it('this month from the local 1st; the last 7 days end today', () => {
    const now = Date.parse('2026-11-30T17:00:00Z'); // 1 Dec 01:00 in Shanghai
    expect(thisMonth(now, tz).from).toBe(Date.parse('2026-11-30T16:00:00Z'));
    const days = lastDays(now, tz, 7);
    expect(days.map((x) => x.day)).toEqual([
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(
      perDay(
        [
          { createdAt: now, source: 'camera' },
          { createdAt: now - 2 * H, source: 'camera' },
        ],
        days,
      ),
    ).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });

  it('a day across a DST change has 23 hours', () => {
    const d = lastDays(Date.parse('2026-03-08T20:00:00Z'), 'America/New_York', 1)[0]!;
    expect(d.day).toBe('2026-03-08');
    expect(d.to - d.from).toBe(23 * H);
  });
});

describe('names in exports', () => {
  it('every statistics name the export builds a key for is in the server catalog in both languages', () => {
    const keys = [
      ...DIMENSIONS.map((d) => `stats.dim.${d}`),
      ...FIGURE_COLUMNS.map((c) => `stats.fig.${c.key}`),
      ...['camera', 'vehicle', 'citizen', 'inspector', 'external'].map((s) => `stats.source.${s}`),
      ...['stats', 'cases', 'about'].map((s) => `stats.sheet.${s}`),
      ...['registered', 'closed', 'cancelled', 'reported'].map((s) => `cases.status.${s}`),
    ];
    for (const k of keys)
      for (const lang of ['zh-CN', 'en'] as const) expect(CATALOG[lang][k], `${k} ${lang}`).toBeTruthy();
  });
});
