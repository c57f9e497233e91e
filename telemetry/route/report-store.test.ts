/**
 * The saved day reports on both backends (SQLite and a real PostgreSQL): upserted per vehicle and day, read back by
 * day range and vehicle, check marks kept per vehicle, and a row that is not a report skipped and named.
 */
import { expect, it } from 'vitest';
import { describeBackends } from '../../kernel/testing/backends.ts';
import type { DayReport } from './day-stats.ts';
import { DayReportStore, routeMigrations } from './report-store.ts';

const report = (vehicleId: string, day: string, fixes: number): DayReport => ({
  vehicleId,
  planId: 'p-sweep',
  day,
  fixes,
  distanceM: 1234.5,
  workingM: 1000,
  workingS: 3600,
  inBandS: 3000,
  coverage: fixes > 10 ? 0.875 : null,
  meanPasses: null,
  windows: [],
  violations: { overspeed: 2 },
});

describeBackends('DayReportStore', (open) => {
  it('upserts per vehicle and day and reads back by range and vehicle, in day order', () => {
    const store = new DayReportStore(open(routeMigrations));
    store.save([report('v-2', '2026-12-01', 5), report('v-1', '2026-12-01', 7), report('v-1', '2026-12-02', 3)], 1);
    store.save([report('v-1', '2026-12-02', 40)], 2); // the day went on: replaced, not added
    const all = store.load();
    expect(all.map((r) => [r.vehicleId, r.day, r.fixes])).toEqual([
      ['v-1', '2026-12-01', 7],
      ['v-2', '2026-12-01', 5],
      ['v-1', '2026-12-02', 40],
    ]);
    expect(all[2]).toEqual(report('v-1', '2026-12-02', 40));
    expect(store.load({ vehicleId: 'v-1' }).map((r) => r.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(store.load({ from: '2026-12-02' }).map((r) => r.vehicleId)).toEqual(['v-1']);
    expect(store.load({ to: '2026-12-01', vehicleId: 'v-2' }).map((r) => r.fixes)).toEqual([5]);
    expect(store.load({ vehicleId: 'nobody' })).toEqual([]);
  });

  it('keeps the last check mark per vehicle, epoch ms intact', () => {
    const store = new DayReportStore(open(routeMigrations));
    const tick = 1_800_000_000_123;
    store.save([], tick, [
      { vehicleId: 'v-1', tick, fix: tick - 5000 },
      { vehicleId: 'v-2', tick, fix: null },
    ]);
    store.save([], tick + 1000, [{ vehicleId: 'v-1', tick: tick + 1000, fix: tick + 900 }]);
    expect([...store.marks().values()].sort((a, b) => a.vehicleId.localeCompare(b.vehicleId))).toEqual([
      { vehicleId: 'v-1', tick: tick + 1000, fix: tick + 900 },
      { vehicleId: 'v-2', tick, fix: null },
    ]);
  });

  it('skips a saved row that is not a report and names it, keeping the others', () => {
    const db = open(routeMigrations);
    const bad: Error[] = [];
    const store = new DayReportStore(db, (e) => bad.push(e));
    store.save([report('v-1', '2026-12-01', 7)], 1);
    db.prepare('INSERT INTO route_day_reports (vehicle_id, day, report, updated_at) VALUES (?, ?, ?, ?)').run(
      'v-9',
      '2026-12-01',
      '{"truncated',
      1,
    );
    expect(store.load().map((r) => r.vehicleId)).toEqual(['v-1']);
    expect(bad.map((e) => e.message)).toEqual([expect.stringContaining('route_day_reports (v-9, 2026-12-01)')]);
  });
});
