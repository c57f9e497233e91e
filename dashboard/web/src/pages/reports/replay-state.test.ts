import { describe, expect, it } from 'vitest';
import type { Position } from '../../lib/types.ts';
import { indexAt, latLngs } from './replay-state.ts';

const fix = (ts: number, lat = 40, lon = -74): Position => ({
  vehicleId: 'S-4',
  ts,
  lat,
  lon,
  receivedAt: ts,
  late: false,
});

describe('replay', () => {
  const track = [fix(1000, 1, 1), fix(2000, 2, 2), fix(3000, 3, 3), fix(5000, 5, 5)];
  it('finds the last fix at or before a time', () => {
    expect([0, 1000, 1999, 2000, 4999, 5000, 9999].map((t) => indexAt(track, t))).toEqual([0, 0, 0, 1, 2, 3, 3]);
    expect(indexAt([], 5)).toBe(0);
  });
  it('gives the played part of the track as [lat, lon]', () => {
    expect(latLngs(track, 1)).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(latLngs(track)).toHaveLength(4);
  });
});
