import { describe, expect, it } from 'vitest';
import type { Position } from '../kernel/types/index.ts';
import { enrich } from './enrich.ts';

const pos = (ts: number, lat: number, lon: number, over: Partial<Position> = {}): Position => ({
  vehicleId: 'S-4',
  ts,
  lat,
  lon,
  receivedAt: ts,
  late: false,
  ...over,
});

describe('enrich', () => {
  it('derives speed and heading from the previous fix (100 m due east in 36 s = 10 km/h, heading 90)', () => {
    const a = pos(0, 40, -74);
    const b = pos(36_000, 40, -74 + 100 / (111_195 * Math.cos((40 * Math.PI) / 180)));
    const e = enrich(a, b);
    expect(e.speedKmh).toBeCloseTo(10, 0);
    expect(e.heading).toBe(90);
  });

  it('keeps what the device reported, and derives no heading when standing still', () => {
    expect(enrich(pos(0, 40, -74), pos(10_000, 40.001, -74, { speedKmh: 3, heading: 7 }))).toMatchObject({
      speedKmh: 3,
      heading: 7,
    });
    const still = enrich(pos(0, 40, -74), pos(10_000, 40, -74));
    expect(still.speedKmh).toBe(0);
    expect(still.heading).toBeUndefined();
  });

  it('leaves the first fix and late fixes alone', () => {
    const first = pos(0, 40, -74);
    expect(enrich(undefined, first)).toBe(first);
    const late = pos(-10_000, 40.01, -74, { late: true });
    expect(enrich(first, late)).toBe(late);
  });
});
