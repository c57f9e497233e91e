/**
 * Test helper: malformed position payloads, each invalid by construction, with the rejection reason it must get.
 * Deterministic (seeded PRNG).
 */
import type { RejectReason } from '../types.ts';

export interface Bad {
  readonly payload: Buffer;
  /** Reasons it may be rejected with (the first problem found wins). */
  readonly reasons: readonly RejectReason[];
}

type Gen = (r: () => number, now: number) => Bad;
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const good = (now: number) => ({ ts: now - 1000, lat: 40.7, lon: -74.05 });

const GENS: readonly Gen[] = [
  (r) => ({
    payload: Buffer.from(
      Array.from({ length: 1 + Math.floor(r() * 300) }, () => Math.floor(r() * 256)).map((b) => (b === 0x7b ? 0 : b)),
    ),
    reasons: ['malformed_json'],
  }),
  (r, now) => {
    const text = JSON.stringify({ ...good(now), speed_kmh: 5 });
    return { payload: Buffer.from(text.slice(0, Math.floor(r() * (text.length - 1)))), reasons: ['malformed_json'] };
  },
  (r) => ({ payload: json(pick(r, [42, 'hello', [1, 2], null, true, [{ ts: 1 }]])), reasons: ['malformed_json'] }),
  (r, now) => {
    const g: Record<string, unknown> = { ...good(now) };
    delete g[pick(r, ['ts', 'lat', 'lon'])];
    return { payload: json(g), reasons: ['missing_field'] };
  },
  (r, now) => ({
    payload: json({ ...good(now), [pick(r, ['lat', 'lon'])]: pick(r, ['40.1', [40], { v: 1 }, null, true, 'NaN']) }),
    reasons: ['bad_coordinates'],
  }),
  (r, now) => ({
    payload: json({ ...good(now), lat: pick(r, [91, -90.0001, 1e308, -1e308, 0]), lon: pick(r, [181, -180.5, 0]) }),
    reasons: ['bad_coordinates'],
  }),
  (_r, now) => ({ payload: Buffer.from(`{"ts":${now},"lat":1e999,"lon":2}`), reasons: ['bad_coordinates'] }),
  (r, now) => ({
    payload: json({ ...good(now), ts: now + 3_600_000 + Math.floor(r() * 1e9) }),
    reasons: ['ts_future'],
  }),
  (r, now) => ({
    payload: json({ ...good(now), ts: pick(r, [now - 400 * 3_600_000, 1, -5, 0, 1e11]) }),
    reasons: ['ts_too_old'],
  }),
  (r, now) => ({
    payload: json({ ...good(now), ts: pick(r, ['yesterday', '2026-13-45T99:00:00Z', '', { t: 1 }, [now], true]) }),
    reasons: ['bad_field'],
  }),
  (r, now) => ({
    payload: json({
      ...good(now),
      [pick(r, ['speed_kmh', 'heading', 'accuracy_m'])]: pick(r, [-1, 1e9, 'fast', [1], -0.5, null]),
    }),
    reasons: ['bad_field'],
  }),
  (r, now) => ({
    payload: json({
      ...good(now),
      work: pick(r, ['yes', 1, { active: 'no' }, { active: true, mode: 'x'.repeat(100) }, { active: true, extra: 1 }]),
    }),
    reasons: ['bad_field'],
  }),
  (r, now) => ({
    payload: json({ ...good(now), pad: 'x'.repeat(2100 + Math.floor(r() * 5000)) }),
    reasons: ['oversized'],
  }),
  (r, now) => ({
    payload: json({
      _type: pick(r, ['transition', 'waypoint', 'card', 'cmd', 42]),
      lat: 1,
      lon: 2,
      tst: Math.floor(now / 1000),
    }),
    reasons: ['unsupported_type'],
  }),
  (r, now) => ({
    payload: json({ _type: 'location', lat: 1, lon: 2, ...(r() < 0.5 ? {} : { tst: 'x' }), t: now }),
    reasons: ['missing_field', 'bad_field'],
  }),
  (r) => ({
    payload: Buffer.from('['.repeat(500 + Math.floor(r() * 400)) + ']'.repeat(10)),
    reasons: ['malformed_json'],
  }),
  (_r, now) => ({ payload: Buffer.from(`{"__proto__":{"lat":1},"ts":${now},"lon":2}`), reasons: ['missing_field'] }),
];

export function malformed(r: () => number, now: number): Bad {
  return pick(r, GENS)(r, now);
}
