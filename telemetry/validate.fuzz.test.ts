/**
 * Property tests (fast-check) of decode → validate → enrich on any numbers a device can send in JSON: nothing throws
 * (a throw is a stack-trace error log per message: log flooding); every message is a Position or a rejection with a
 * reason naming the field, and every Position holds a real time and finite coordinates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode/index.ts';
import { enrich } from './enrich.ts';
import { isRejection, type DecodedFix } from './types.ts';
import { validateFix } from './validate.ts';

const now = Date.UTC(2026, 2, 1, 8);
const params = { maxFutureMs: 300_000, maxAgeMs: 72 * 3_600_000 };
const known = (id: string) => id === 'S-4';

/** Numbers JSON can carry, biased to the edges: huge, tiny, negative zero, near Date's limit, near now. */
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15 - 1, 1e11, 1e11 - 1, -1e11, 9e15, 1e21, -0, Number.MAX_VALUE),
  fc.double({ min: now - 1e9, max: now + 1e9, noNaN: true }),
  fc.double({ min: -400, max: 400, noNaN: true }),
);

const gridwatch = fc.record(
  {
    ts: fc.oneof(number, fc.string({ maxLength: 40 })),
    lat: number,
    lon: number,
    speed_kmh: number,
    heading: number,
    accuracy_m: number,
  },
  { requiredKeys: ['ts', 'lat', 'lon'] },
);
const owntracks = fc.record({
  _type: fc.constant('location'),
  tst: fc.oneof(fc.integer(), fc.constantFrom(8.64e12, 8.64e12 + 1, 1e300, -1e300)),
  lat: number,
  lon: number,
  vel: number,
  cog: number,
  acc: number,
});

function run(payload: unknown): { rejected?: string; detail?: string; ts?: number } {
  const msg = {
    topic: 'gridwatch/vehicles/S-4/position',
    payload: Buffer.from(JSON.stringify(payload)),
    receivedAt: now,
  };
  const decoded = decodeMessage({ vehicleId: 'S-4', kind: 'position' }, msg, 2048);
  if (isRejection(decoded)) return decoded;
  const valid = validateFix(decoded as DecodedFix, params, now, known);
  if (isRejection(valid)) return valid;
  const prev = { ...valid, ts: valid.ts - 1000, lat: 40.7, lon: -74.05 };
  return enrich(prev, valid);
}

describe('telemetry validation never throws', () => {
  it.each([
    ['gridwatch', gridwatch],
    ['owntracks', owntracks],
  ])('%s payloads: a Position with a real time, or a rejection with a reason', (_name, arb) => {
    fc.assert(
      fc.property(arb as fc.Arbitrary<Record<string, unknown>>, (payload) => {
        const out = run(payload);
        if (out.rejected) {
          expect(out.detail).toMatch(/\w/);
          return;
        }
        expect(Number.isFinite(out.ts)).toBe(true);
        expect(Math.abs(out.ts ?? Number.NaN)).toBeLessThanOrEqual(8.64e15);
        expect(() => new Date(out.ts ?? 0).toISOString()).not.toThrow();
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a time beyond what a Date can hold with a reason naming the field (it threw before)', () => {
    for (const ts of [8.64e15 + 1, 9e15, 1e21, -8.64e15 - 1]) {
      expect(run({ ts, lat: 40.7, lon: -74.05 })).toMatchObject({
        rejected: 'bad_field',
        detail: expect.stringMatching(/field "ts"/),
      });
    }
    expect(run({ _type: 'location', tst: 1e13, lat: 40.7, lon: -74.05 })).toMatchObject({ rejected: 'bad_field' });
  });
});
