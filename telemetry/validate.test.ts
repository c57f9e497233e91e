import { describe, expect, it } from 'vitest';
import type { DecodedFix } from './types.ts';
import { validateFix } from './validate.ts';

const now = Date.UTC(2026, 2, 1, 8);
const params = { maxFutureMs: 300_000, maxAgeMs: 72 * 3_600_000 };
const known = (id: string) => id === 'S-4';
const fix = (over: Partial<DecodedFix> = {}): DecodedFix => ({
  vehicleId: 'S-4',
  format: 'gridwatch',
  ts: now - 1000,
  lat: 40.7,
  lon: -74.05,
  receivedAt: now,
  ...over,
});

describe('validateFix', () => {
  it('accepts a good fix as a Position (not late yet), normalising heading 360 to 0', () => {
    expect(
      validateFix(fix({ speedKmh: 8, heading: 360, accuracyM: 5, work: { active: true } }), params, now, known),
    ).toEqual({
      vehicleId: 'S-4',
      ts: now - 1000,
      lat: 40.7,
      lon: -74.05,
      speedKmh: 8,
      heading: 0,
      accuracyM: 5,
      work: { active: true },
      receivedAt: now,
      late: false,
    });
  });

  it.each([
    [{ vehicleId: 'X-9' }, 'unknown_vehicle', /vehicle "X-9" is not in the configuration/],
    [{ lat: 91 }, 'bad_coordinates', /field "lat" is 91, outside -90..90/],
    [{ lon: -180.5 }, 'bad_coordinates', /field "lon" is -180.5/],
    [{ lat: Number.NaN }, 'bad_coordinates', /field "lat" is not a finite number/],
    [{ lat: 0, lon: 0 }, 'bad_coordinates', /no fix/],
    [{ ts: now + 301_000 }, 'ts_future', /301 s ahead/],
    [{ ts: now - 73 * 3_600_000 }, 'ts_too_old', /older than 72 h/],
    [{ speedKmh: -1 }, 'bad_field', /"speed_kmh" is -1/],
    [{ speedKmh: 401 }, 'bad_field', /"speed_kmh" is 401/],
    [{ heading: 361 }, 'bad_field', /"heading" is 361/],
    [{ accuracyM: -3 }, 'bad_field', /"accuracy_m" is -3/],
  ])('%j → %s', (over, reason, detail) => {
    const r = validateFix(fix(over), params, now, known);
    expect(r).toMatchObject({ rejected: reason });
    expect('detail' in r && r.detail).toMatch(detail);
  });

  it('the future and age limits are inclusive', () => {
    expect(validateFix(fix({ ts: now + 300_000 }), params, now, known)).toHaveProperty('late', false);
    expect(validateFix(fix({ ts: now - params.maxAgeMs }), params, now, known)).toHaveProperty('late', false);
  });
});
