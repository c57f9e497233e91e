/**
 * The one contract every PositionStore meets, run against each implementation (sqlite.test.ts, influx.test.ts).
 * `reader` answers track/lastPositions: the store itself, or for InfluxDB without a real server, a stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Position } from '../../kernel/types/index.ts';
import type { PositionStore } from './types.ts';

export interface ContractHarness {
  readonly store: PositionStore;
  readonly reader: Pick<PositionStore, 'track' | 'lastPositions'>;
  /** False where the backend cannot return string fields (work.mode). */
  readonly strings: boolean;
  /** Close the store and open a new one on the same data; returns the new harness. */
  reopen(): Promise<ContractHarness>;
  cleanup(): Promise<void>;
}

const T0 = Date.now() - 3_600_000;

export function fix(vehicleId: string, i: number, over: Partial<Position> = {}): Position {
  return {
    vehicleId,
    ts: T0 + i * 1000,
    // GPS precision (7 decimals): victoria-metrics keeps about 12 significant digits, InfluxDB and SQLite all 17.
    lat: Number((40.7 + i * 1e-4).toFixed(7)),
    lon: Number((-74.05 - i * 1e-4).toFixed(7)),
    speedKmh: 7.5,
    heading: (i * 7) % 360,
    accuracyM: 4,
    work: { active: i % 2 === 0, mode: 'sweeping' },
    receivedAt: T0 + i * 1000 + 250,
    late: false,
    ...over,
  };
}

export function positionStoreContract(name: string, make: () => Promise<ContractHarness>): void {
  describe(`PositionStore contract: ${name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.cleanup();
    });
    const expected = (p: Position): Position => (h.strings || !p.work ? p : { ...p, work: { active: p.work.active } });

    it('writes batches for several vehicles; track returns one vehicle in ts order with every field', async () => {
      const a = [3, 1, 2, 0].map((i) => fix('S-4', i));
      const b = [0, 1].map((i) => fix('P-1', i, { work: undefined, speedKmh: undefined, late: i === 1 }));
      await h.store.write(a);
      await h.store.write(b);
      await h.store.flush();
      expect(await h.reader.track('S-4', T0, T0 + 10_000)).toEqual([0, 1, 2, 3].map((i) => expected(fix('S-4', i))));
      expect(await h.reader.track('P-1', T0, T0 + 10_000)).toEqual(b);
    });

    it('track bounds are inclusive and other vehicles stay out', async () => {
      await h.store.write([0, 1, 2, 3, 4].map((i) => fix('S-4', i)).concat([fix('S-12', 2)]));
      await h.store.flush();
      const t = await h.reader.track('S-4', T0 + 1000, T0 + 3000);
      expect(t.map((p) => p.ts)).toEqual([T0 + 1000, T0 + 2000, T0 + 3000]);
    });

    it('a duplicate (same vehicle + ts) is stored once', async () => {
      await h.store.write([fix('S-4', 1), fix('S-4', 2)]);
      await h.store.write([fix('S-4', 1), fix('S-4', 1)]);
      await h.store.flush();
      expect((await h.reader.track('S-4', T0, T0 + 10_000)).map((p) => p.ts)).toEqual([T0 + 1000, T0 + 2000]);
    });

    it('lastPositions gives the newest fix per vehicle, whatever order they were written in', async () => {
      await h.store.write([fix('S-4', 5), fix('P-1', 1), fix('S-4', 9), fix('S-4', 7, { late: true }), fix('P-1', 3)]);
      await h.store.flush();
      const last = await h.reader.lastPositions();
      expect(last.map((p) => [p.vehicleId, p.ts]).sort()).toEqual([
        ['P-1', T0 + 3000],
        ['S-4', T0 + 9000],
      ]);
    });

    it('a batch larger than the store batch size is written completely', async () => {
      const many = Array.from({ length: 12_345 }, (_, i) => fix('S-12', i, { work: undefined }));
      await h.store.write(many);
      await h.store.flush();
      const t = await h.reader.track('S-12', T0, T0 + 20_000_000);
      expect(t).toHaveLength(many.length);
      expect(t[t.length - 1]).toEqual(many[many.length - 1]);
    });

    it('close flushes what is queued; a reopened store sees it', async () => {
      void h.store.write([fix('S-4', 1), fix('S-4', 2)]);
      h = await h.reopen();
      expect((await h.reader.track('S-4', T0, T0 + 10_000)).map((p) => p.ts)).toEqual([T0 + 1000, T0 + 2000]);
    });
  });
}
