import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { openDatabase, type Db } from '../db.ts';
import { tempDir } from '../testing.ts';
import { describeBackends } from '../testing/backends.ts';
import { CameraStateStore } from './camera-state.ts';
import { LeaseStore } from './leases.ts';
import { clusterMigrations } from './migrations.ts';

function contract(open: () => Db): void {
  const setup = () => {
    const db = open();
    const clock = new ManualClock(1_000_000);
    return { db, clock, leases: new LeaseStore(db, clock) };
  };

  it('takes a free lease at generation 1, renews it for its holder and refuses it to others while it runs', () => {
    const { leases, clock } = setup();
    expect(leases.tryAcquire('camera:c1', 'a', 15_000)).toEqual({ generation: 1, expiresAt: 1_015_000 });
    expect(leases.tryAcquire('camera:c1', 'b', 15_000)).toBeUndefined();
    clock.advance(5_000);
    expect(leases.tryAcquire('camera:c1', 'a', 15_000)).toEqual({ generation: 1, expiresAt: 1_020_000 });
    expect(leases.renew('camera:c1', 'a', 1, 15_000)).toBe(true);
    expect(leases.current('camera:c1')).toEqual({
      name: 'camera:c1',
      nodeId: 'a',
      generation: 1,
      expiresAt: 1_020_000,
      acquiredAt: 1_000_000,
    });
    clock.advance(14_999);
    expect(leases.tryAcquire('camera:c1', 'b', 15_000)).toBeUndefined();
  });

  it('an expired lease goes to the next node with the next generation; the old holder can no longer renew', () => {
    const { leases, clock } = setup();
    leases.tryAcquire('camera:c1', 'a', 15_000);
    clock.advance(15_000);
    expect(leases.tryAcquire('camera:c1', 'b', 15_000)).toEqual({ generation: 2, expiresAt: 1_030_000 });
    expect(leases.renew('camera:c1', 'a', 1, 15_000)).toBe(false);
    expect(leases.tryAcquire('camera:c1', 'a', 15_000)).toBeUndefined();
    expect(leases.current('camera:c1')).toMatchObject({ nodeId: 'b', generation: 2, acquiredAt: 1_015_000 });
    clock.advance(15_000);
    expect(leases.tryAcquire('camera:c1', 'a', 15_000)?.generation).toBe(3);
  });

  it('a lease that ran out but nobody took is renewed by its holder with the same generation', () => {
    const { leases, clock } = setup();
    leases.tryAcquire('leader:core', 'a', 1_000);
    clock.advance(60_000);
    expect(leases.renew('leader:core', 'a', 1, 1_000)).toBe(true);
    expect(leases.current('leader:core')).toMatchObject({ nodeId: 'a', generation: 1, expiresAt: 1_061_000 });
    expect(leases.renew('leader:core', 'a', 2, 1_000)).toBe(false);
    expect(leases.renew('leader:core', 'b', 1, 1_000)).toBe(false);
  });

  it('release frees the lease at once; the row stays so the next holder gets a higher generation', () => {
    const { leases, clock } = setup();
    leases.tryAcquire('camera:c1', 'a', 15_000);
    expect(leases.release('camera:c1', 'b')).toBe(false);
    expect(leases.release('camera:c1', 'a')).toBe(true);
    expect(leases.release('camera:c1', 'a')).toBe(false);
    expect(leases.current('camera:c1')).toMatchObject({ nodeId: 'a', expiresAt: 1_000_000 });
    expect(leases.tryAcquire('camera:c1', 'b', 15_000)?.generation).toBe(2);
    clock.advance(1);
    expect(leases.renew('camera:c1', 'a', 1, 15_000)).toBe(false);
  });

  it('lists by prefix, expired leases included', () => {
    const { leases, clock } = setup();
    leases.tryAcquire('camera:c2', 'a', 1_000);
    leases.tryAcquire('camera:c1', 'b', 60_000);
    leases.tryAcquire('leader:core', 'a', 60_000);
    leases.tryAcquire('camera_x', 'a', 60_000);
    clock.advance(2_000);
    const list = leases.list('camera:');
    expect(list.map((l) => [l.name, l.nodeId, LeaseStore.live(l, clock.now())])).toEqual([
      ['camera:c1', 'b', true],
      ['camera:c2', 'a', false],
    ]);
    expect(leases.list('')).toHaveLength(4);
    expect(leases.current('camera:none')).toBeUndefined();
  });

  it('camera rule state: saved and read back; a writer with an older generation is fenced off', () => {
    const { db } = setup();
    const states = new CameraStateStore(db);
    expect(states.load('cam-1')).toBeUndefined();
    expect(states.save('cam-1', 'a', 1, 10, { v: 1, zones: { z: 1 } })).toBe(true);
    expect(states.save('cam-1', 'a', 1, 20, { v: 1, zones: { z: 2 } })).toBe(true);
    expect(states.save('cam-1', 'b', 2, 30, { v: 1, zones: { z: 3 } })).toBe(true);
    expect(states.save('cam-1', 'a', 1, 40, { v: 1, zones: { z: 4 } })).toBe(false);
    expect(states.load('cam-1')).toEqual({ nodeId: 'b', generation: 2, savedAt: 30, state: { v: 1, zones: { z: 3 } } });
    db.prepare("UPDATE camera_rule_state SET state = 'not json' WHERE camera_id = 'cam-1'").run();
    expect(states.load('cam-1')).toBeUndefined();
  });

  it('two nodes taking turns: one holder at a time, the generation moves exactly when the holder changes', () => {
    const { db, clock } = setup();
    const a = new LeaseStore(db, clock);
    const b = new LeaseStore(db, clock);
    let holder: string | undefined;
    let generation = 0;
    for (let t = 0; t < 200; t++) {
      clock.advance(t % 7 === 0 ? 1_000 : 100);
      for (const [node, store] of t % 2
        ? ([
            ['a', a],
            ['b', b],
          ] as const)
        : ([
            ['b', b],
            ['a', a],
          ] as const)) {
        const got = store.tryAcquire('camera:x', node, 900);
        if (!got) continue;
        if (holder !== node) expect(got.generation).toBe(generation + 1);
        holder = node;
        generation = got.generation;
      }
    }
    expect(generation).toBeGreaterThan(10);
  });
}

describeBackends('LeaseStore', (open) => contract(() => open(clusterMigrations)));

describe('LeaseStore: two connections to one SQLite file', () => {
  it('the second connection sees the first one’s lease and cannot take it', () => {
    const file = path.join(tempDir('gw-leases-'), 'g.db');
    const one = new LeaseStore(openDatabase(file, clusterMigrations), new ManualClock(0));
    const two = new LeaseStore(openDatabase(file, clusterMigrations), new ManualClock(10));
    expect(one.tryAcquire('camera:c1', 'a', 100)?.generation).toBe(1);
    expect(two.tryAcquire('camera:c1', 'b', 100)).toBeUndefined();
    expect(two.current('camera:c1')?.nodeId).toBe('a');
  });
});
