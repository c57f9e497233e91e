import { describe, expect, it } from 'vitest';
import { byContractor, byDay, byVehicle, total } from './aggregate.ts';
import type { DayReport } from './reports-api.ts';

const win = (assignedM: number, coveredM: number) => ({
  key: 'w',
  start: 0,
  end: 1,
  coverage: coveredM / assignedM,
  assignedM,
  coveredM,
  meanPasses: 1,
  missed: 0,
  missedSegments: [],
  missedNames: [],
});
const report = (
  vehicleId: string,
  contractor: string | undefined,
  day: string,
  covered: number,
  violations: Record<string, number>,
): DayReport => ({
  vehicleId,
  ...(contractor ? { contractor } : {}),
  planId: 'p',
  day,
  fixes: 10,
  distanceM: 5000,
  workingM: 4000,
  workingS: 3600,
  inBandS: 2700,
  coverage: covered / 1000,
  meanPasses: 1,
  windows: [win(1000, covered)],
  violations,
});

const reports = [
  report('S-4', '城洁', '2026-05-06', 900, { 'off-route': 1 }),
  report('S-12', '城洁', '2026-05-06', 500, { overspeed: 2 }),
  report('S-4', '城洁', '2026-05-07', 1000, {}),
  report('X-1', undefined, '2026-05-06', 0, { 'late-start': 1 }),
];

describe('compliance aggregation', () => {
  it('weights coverage by assigned length, not by averaging percentages', () => {
    const rows = byContractor(reports, '(none)');
    const chengjie = rows.find((r) => r.key === '城洁');
    const none = rows.find((r) => r.key === '(none)');
    expect(chengjie).toMatchObject({
      key: '城洁',
      vehicles: 2,
      days: 2,
      assignedM: 3000,
      coveredM: 2400,
      violations: 3,
    });
    expect(chengjie!.coverage).toBeCloseTo(0.8);
    expect(chengjie!.inBand).toBeCloseTo(0.75);
    expect(chengjie!.byKind).toEqual({ 'off-route': 1, overspeed: 2 });
    expect(none).toMatchObject({ key: '(none)', coverage: 0, violations: 1 });
  });

  it('groups by vehicle and day, and totals', () => {
    expect(byVehicle(reports).map((r) => [r.key, r.days, r.coverage])).toEqual([
      ['S-12', 1, 0.5],
      ['S-4', 2, 0.95],
      ['X-1', 1, 0],
    ]);
    expect(byDay(reports).map((r) => r.key)).toEqual(['2026-05-06', '2026-05-07']);
    expect(total(reports)).toMatchObject({ vehicles: 3, violations: 4, workingS: 4 * 3600 });
    expect(total([]).coverage).toBeNull();
  });
});
