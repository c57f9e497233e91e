/**
 * Property tests (fast-check): random headers and bodies round-trip; any chunking of a stream gives the same frames.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, encodeMessage } from './codec.ts';
import type { Header } from './header.ts';
import { decodeLocation, encodeLocation, type Location, STATUS } from './location.ts';
import { FrameSplitter } from './splitter.ts';
import { Reassembler } from './subpackages.ts';

const headerArb: fc.Arbitrary<Header> = fc.oneof(
  fc.record({
    msgId: fc.integer({ min: 0, max: 0xffff }),
    edition: fc.constant(2013 as const),
    phone: fc.stringMatching(/^\d{12}$/),
    serial: fc.integer({ min: 0, max: 0xffff }),
  }),
  fc.record({
    msgId: fc.integer({ min: 0, max: 0xffff }),
    edition: fc.constant(2019 as const),
    protocolVersion: fc.integer({ min: 0, max: 255 }),
    phone: fc.stringMatching(/^\d{20}$/),
    serial: fc.integer({ min: 0, max: 0xffff }),
  }),
);
/** Bodies rich in the two bytes that need escaping. */
const bodyArb = (max: number) =>
  fc
    .uint8Array({ maxLength: max })
    .chain((b) =>
      fc
        .array(fc.constantFrom(0x7e, 0x7d), { maxLength: 8 })
        .map((xs) => Buffer.concat([Buffer.from(b), Buffer.from(xs)])),
    );

describe('round trips (fast-check)', () => {
  it('any header and body up to 1023 bytes', () => {
    fc.assert(
      fc.property(headerArb, bodyArb(1015), (h, body) => {
        const d = decodeFrame(encodeFrame(h, body).subarray(1, -1));
        expect(d).toEqual({ ok: true, frame: { header: h, body } });
      }),
      { numRuns: 500 },
    );
  });

  it('any body split into sub-packages, parts in any order', () => {
    fc.assert(
      fc.property(headerArb, bodyArb(5000), fc.integer({ min: 1, max: 1023 }), fc.integer(), (h, body, max, seed) => {
        fc.pre(body.length > 0);
        const frames = encodeMessage(h, body, max).map((w) => decodeFrame(w.subarray(1, -1)));
        const order = frames.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const r = new Reassembler({ timeoutMs: 1000, maxBytes: 1 << 20, maxOpen: 4 });
        let out: Buffer | undefined;
        for (const i of order) {
          const f = frames[i]!;
          if (!f.ok) throw new Error(f.detail);
          if (!f.frame.header.packet) out = f.frame.body;
          else {
            const a = r.add(f.frame, 0);
            if (a.kind === 'complete') out = a.message.frame.body;
          }
        }
        expect(out).toEqual(body);
      }),
      { numRuns: 200 },
    );
  });

  it('any location at 1e-6 degrees, 0.1 km/h and whole seconds', () => {
    const loc: fc.Arbitrary<Location> = fc.record({
      alarm: fc.integer({ min: 0, max: 0xffffffff }),
      status: fc.integer({ min: 0, max: 0xffffffff }).map((s) => (s & ~(STATUS.south | STATUS.west)) >>> 0),
      lat: fc.integer({ min: -90_000_000, max: 90_000_000 }).map((n) => n / 1e6),
      lon: fc.integer({ min: -180_000_000, max: 180_000_000 }).map((n) => n / 1e6),
      altitudeM: fc.integer({ min: -32768, max: 32767 }),
      speedKmh: fc.integer({ min: 0, max: 0xffff }).map((n) => n / 10),
      heading: fc.integer({ min: 0, max: 359 }),
      ts: fc
        .integer({
          min: Date.parse('2000-01-01T00:00:00+08:00') / 1000,
          max: Date.parse('2099-12-31T23:59:59+08:00') / 1000,
        })
        .map((s) => s * 1000),
      extras: fc.record(
        {
          mileageKm: fc.integer({ min: 0, max: 0xffffffff }).map((n) => n / 10),
          fuelL: fc.integer({ min: 0, max: 0xffff }).map((n) => n / 10),
          signal: fc.integer({ min: 0, max: 255 }),
          satellites: fc.integer({ min: 0, max: 255 }),
          io: fc.integer({ min: 0, max: 0xffff }),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(loc, (l) => {
        const d = decodeLocation(encodeLocation(l));
        const sw = (l.lat < 0 ? STATUS.south : 0) | (l.lon < 0 ? STATUS.west : 0);
        expect({ ...d, lat: d.lat + 0, lon: d.lon + 0 }).toEqual({
          ...l,
          status: (l.status | sw) >>> 0,
          lat: l.lat + 0,
          lon: l.lon + 0,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a stream cut into arbitrary chunks yields the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(headerArb, bodyArb(200)), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 64 })),
        (msgs, cuts) => {
          const stream = Buffer.concat(msgs.map(([h, b]) => encodeFrame(h, b)));
          const got: Buffer[] = [];
          const s = new FrameSplitter(4096, {
            frame: (f) => got.push(Buffer.from(f)),
            garbage: () => expect.unreachable(),
          });
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const n = cuts.length ? cuts[i % cuts.length]! : stream.length;
            s.push(stream.subarray(at, at + n));
            at += n;
          }
          expect(got.map((g) => decodeFrame(g))).toEqual(
            msgs.map(([header, body]) => ({ ok: true, frame: { header, body } })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
