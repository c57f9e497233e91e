import { afterEach, describe, expect, it } from 'vitest';
import type { Position } from '../kernel/types/index.ts';
import { pipelineHarness, NOW, type Harness } from './testing/pipeline-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});
const fix = (s: number, km = 0, extra: Record<string, unknown> = {}) => ({
  ts: NOW - 600_000 + s * 1000,
  lat: 40.7 + km / 111.195,
  lon: -74.05,
  ...extra,
});

describe('telemetry pipeline: the stages in order', () => {
  it('stores, routes, publishes good fixes; flags late; duplicates once; drops jumps; counts rejects', async () => {
    h = await pipelineHarness();
    const acks = await Promise.all([
      h.send('S-4', fix(0)),
      h.send('S-4', fix(10, 0.05)),
      h.send('S-4', fix(5, 0.02)), // late
      h.send('S-4', fix(10, 0.05)), // duplicate
      h.send('S-4', fix(20, 30)), // jump: 30 km in 10 s
      h.send('S-4', fix(30, 0.1, { speed_kmh: 9 })),
      h.send('S-4', '{"ts":'), // malformed
      h.send('X-1', fix(40)), // unknown vehicle
    ]);
    expect(acks).toEqual(Array(8).fill(undefined));
    const stored = await h.store.track('S-4', 0, NOW);
    expect(stored.map((p) => [(p.ts - NOW) / 1000 + 600, p.late])).toEqual([
      [0, false],
      [5, true],
      [10, false],
      [30, false],
    ]);
    expect(h.observed.map((p) => p.ts)).toEqual([fix(0).ts, fix(10).ts, fix(5).ts, fix(30).ts]);
    expect(h.emitted).toEqual(h.observed);
    // enrich: speed derived for the second fix (50 m in 10 s = 18 km/h), kept for the one that reported it
    expect(h.observed[1]!.speedKmh).toBeCloseTo(18, 0);
    expect(h.observed[1]!.heading).toBe(0);
    expect(h.observed[3]!.speedKmh).toBe(9);
    expect(h.counters.forVehicle('S-4')).toEqual({
      accepted: 4,
      late: 1,
      duplicates: 1,
      rejected: { gps_jump: 1, malformed_json: 1 },
    });
    expect(h.counters.byReason()).toEqual({ gps_jump: 1, malformed_json: 1, unknown_vehicle: 1 });
    expect(h.statuses.map((s) => [s.vehicleId, s.online])).toEqual([['S-4', true]]);
  });

  it('acknowledges only once the store has the fix, and refuses (error ack) when the store fails', async () => {
    let release!: () => void;
    let fail = false;
    const gate = new Promise<void>((r) => (release = r));
    const inner = (await pipelineHarness()).store;
    h = await pipelineHarness({
      store: {
        ...inner,
        kind: 'embedded',
        open: () => inner.open(),
        close: () => inner.close(),
        write: async (b: readonly Position[]) => {
          await gate;
          if (fail) throw new Error('disk full');
          return inner.write(b);
        },
        track: (...a) => inner.track(...a),
        lastPositions: () => inner.lastPositions(),
        flush: () => inner.flush(),
        stats: () => inner.stats(),
      },
    });
    let acked = false;
    const first = h.send('P-1', fix(0)).then((e) => {
      acked = true;
      return e;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(acked).toBe(false);
    release();
    expect(await first).toBeUndefined();
    fail = true;
    expect(await h.send('P-1', fix(1))).toEqual(new Error('disk full'));
  });

  it('a failing route stage is logged and counted; the fix is still stored and published', async () => {
    const seen: number[] = [];
    h = await pipelineHarness({
      stages: [
        {
          name: 'broken',
          observe: () => {
            throw new Error('boom');
          },
        },
        { name: 'ok', observe: (p) => void seen.push(p.ts) },
      ],
    });
    await h.send('S-12', fix(0));
    await h.send('S-12', fix(1));
    expect(seen).toHaveLength(2);
    expect(h.stageErrors).toEqual(['broken', 'broken']);
    expect(h.emitted).toHaveLength(2);
    expect(await h.store.track('S-12', 0, NOW)).toHaveLength(2);
  });

  it('a flooding vehicle is refused beyond its lane limit; other vehicles are unaffected', async () => {
    h = await pipelineHarness({ laneLimit: 10 });
    const flood = Array.from({ length: 30 }, (_, i) => h.send('S-4', fix(i, i * 0.001)));
    const other = h.send('P-1', fix(0));
    const results = await Promise.all(flood);
    expect(results.filter((e) => e?.message === 'overloaded')).toHaveLength(20);
    expect(await other).toBeUndefined();
    expect(h.counters.forVehicle('S-4').rejected).toEqual({ overload: 20 });
    expect(await h.store.track('P-1', 0, NOW)).toHaveLength(1);
  });

  it('status topic and OwnTracks last will drive online state; a bad topic is counted', async () => {
    h = await pipelineHarness();
    await h.send('S-4', 'online', 'status');
    await h.send('S-4', { _type: 'lwt', tst: 1 });
    await h.send('S-4', 'offline', 'status');
    await new Promise<void>((resolve) =>
      h.pipeline.ingest({ topic: 'gridwatch/other', payload: Buffer.from('x'), receivedAt: NOW }, () => resolve()),
    );
    expect(h.statuses.map((s) => [s.online, s.reason])).toEqual([
      [true, 'status "online"'],
      [false, 'owntracks last will'],
    ]);
    expect(h.counters.byReason()).toEqual({ bad_topic: 1 });
  });
});
