import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { tempDir } from '../kernel/testing.ts';
import type { CaseSource } from '../kernel/types/index.ts';
import { startCases, type Harness, useBackend } from './fixture.ts';
import { caseOverview } from './overview.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const START = Date.parse('2026-11-30T23:30:00+08:00');
const clock = new ManualClock(START);
const op = { id: 'op', role: 'operator' as const };
let h: Harness;
afterEach(async () => h?.stop());

function report(source: CaseSource, lat: number, category = '05-01'): string {
  const c = h.module.service.create({ source, category, description: 'x', location: { lat, lon: 118.0005 } }, op);
  for (const action of ['register', 'dispatch'] as const)
    if (h.module.service.get(c.id)!.status !== 'dispatched') h.module.service.act(c.id, { action }, op);
  return c.id;
}

describeBackends('caseOverview (大屏 cases part)', (_open, ctx) => {
  useBackend(ctx);

  it('today, this month, trends and tops in local days', async () => {
    clock.set(START);
    h = await startCases(tempDir('gw-overview-'), clock, {
      grid: {
        areas: [{ code: '320302001', name: '解放街道', level: 'street' }],
        regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 50, rows: 50, prefix: '320302001' },
      },
    });
    // 30 Nov 23:30 local (15:30Z): last month's last day
    report('camera', 34.0005);
    clock.set(Date.parse('2026-12-01T00:10:00+08:00')); // 30 Nov 16:10Z, already 1 Dec locally
    report('citizen', 34.0005);
    report('citizen', 34.0015, '05-04');
    const v = report('vehicle', 34.0015);
    clock.advance(3_600_000);
    for (const action of ['accept', 'handle', 'verify'] as const)
      h.module.service.act(v, { action, reason: '已处置' }, { id: 'admin', role: 'admin' });
    const o = caseOverview(h.module.service.repo.db, h.module.service.catalog, clock.now());
    expect(o.today.day).toBe('2026-12-01');
    expect(o.reports.today).toMatchObject({ camera: 0, citizen: 2, vehicle: 1 });
    expect(o.reports.month).toEqual(o.reports.today); // December began at local midnight
    expect(o.trend7.days.slice(-2)).toEqual(['2026-11-30', '2026-12-01']);
    expect(o.trend7.reported.slice(-2)).toEqual([1, 3]);
    expect(o.trend7.closed.slice(-2)).toEqual([0, 1]);
    expect(o.trend30.days).toHaveLength(30);
    expect(o.kpi.month).toMatchObject({ registered: 3, closed: 1 });
    expect(o.kpi.month.closeRate).toBeCloseTo(1 / 3);
    expect(o.top.streets).toEqual([{ key: '320302001', name: '解放街道', n: 3 }]);
    expect(o.top.cells.map((x) => x.n)).toEqual([2, 1]);
    expect(o.top.categories[0]).toEqual({ key: '05-01', name: '05-01 无照经营游商', n: 2 });
    expect(o.units.map((u) => [u.name, u.registered])).toEqual([['城管执法中队', 3]]);
    expect(o.open.map((c) => c.id).sort()).toHaveLength(3); // the closed one is off the map
  });
});
