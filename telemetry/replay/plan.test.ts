import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../kernel/testing.ts';
import { readTrace } from '../trace/index.ts';
import { planReplay } from './plan.ts';

const jersey = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');

describe('planReplay', () => {
  it('the real Jersey City trace: three vehicles, rhythm divided by the speedup, times shifted to start now', () => {
    const trace = readTrace(jersey, { tz: 'America/New_York' });
    const plan = planReplay(trace, 'jersey', { speedup: 60, shiftTo: 1_000_000 });
    expect(plan).toHaveLength(814);
    expect(new Set(plan.map((p) => p.vehicleId))).toEqual(new Set(['S-4', 'S-12', 'P-1']));
    expect(plan[0]).toMatchObject({
      vehicleId: 'S-4',
      dueMs: 0,
      payload: { ts: 1_000_000, lat: 40.6964, lon: -74.08518 },
    });
    // S-4's second fix is 2 min 1 s later: 121 s / 60 = 2016.7 ms
    const s4 = plan.filter((p) => p.vehicleId === 'S-4');
    expect(s4[1]!.dueMs).toBeCloseTo(2016.67, 1);
    expect(s4[1]!.payload.ts).toBe(1_002_017);
    // the whole 9.4-hour day in about 9.4 minutes
    expect(plan[plan.length - 1]!.dueMs / 60_000).toBeCloseTo(9.44, 1);
  });

  it('--vehicle picks one vehicle of a fleet trace, or names a single-vehicle trace', () => {
    const trace = readTrace(jersey, { tz: 'America/New_York' });
    expect(new Set(planReplay(trace, 'j', { vehicle: 'P-1', speedup: 1 }).map((p) => p.vehicleId))).toEqual(
      new Set(['P-1']),
    );
    const one = [{ ts: 0, lat: 1, lon: 2, speedKmh: 5 }];
    expect(planReplay(one, 'x', { vehicle: 'V', speedup: 1, work: true })).toEqual([
      { vehicleId: 'V', dueMs: 0, payload: { ts: 0, lat: 1, lon: 2, speed_kmh: 5, work: true } },
    ]);
  });

  it('backfill re-dates the trace to end at a given time, keeping the recorded spacing', () => {
    const plan = planReplay(
      [
        { ts: 1000, lat: 1, lon: 2 },
        { ts: 61_000, lat: 1, lon: 2 },
      ],
      'x',
      { vehicle: 'V', speedup: 1000, endAt: 5_000_000 },
    );
    expect(plan.map((p) => [p.dueMs, p.payload.ts])).toEqual([
      [0, 4_940_000],
      [60, 5_000_000],
    ]);
  });

  it('clear errors: no vehicle id, unknown vehicle, bad speedup', () => {
    expect(() => planReplay([{ ts: 0, lat: 1, lon: 2 }], 'x.csv', { speedup: 1 })).toThrow(
      /x.csv: the trace has no vehicle_id column; give the vehicle with --vehicle ID/,
    );
    expect(() =>
      planReplay([{ vehicleId: 'A', ts: 0, lat: 1, lon: 2 }], 'x.csv', { vehicle: 'B', speedup: 1 }),
    ).toThrow(/no fixes of vehicle "B" \(the trace has A\)/);
    expect(() => planReplay([{ ts: 0, lat: 1, lon: 2 }], 'x', { vehicle: 'V', speedup: 0 })).toThrow(
      /--speedup must be a positive number/,
    );
  });
});
