/**
 * Camera leases as timelines on a manual clock: video nodes share one database and tick every leaseMs/3 (5 s of a
 * 15 s lease). After every tick the harness checks that no camera runs on two nodes at once.
 */
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { LeaseStore } from '../../kernel/cluster/leases.ts';
import { clusterMigrations } from '../../kernel/cluster/migrations.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';
import { cameraLease } from './keeper.ts';
import { LeaseCluster } from './testing.ts';

const CAMS = ['cam-1', 'cam-2', 'cam-3', 'cam-4'];

describeBackends('CameraLeaseKeeper', (open) => {
  const cluster = (cams: readonly string[]) => new LeaseCluster(cams, 15_000, open(clusterMigrations));

  it('two nodes starting together split the cameras by their fair share', () => {
    const c = cluster(CAMS);
    const a = c.add('video-a', 100);
    const b = c.add('video-b', 100);
    c.round(0);
    // a saw nobody else yet and took all four; b announced itself and found none free
    expect(c.counts()).toEqual({ 'video-a': 4, 'video-b': 0 });
    c.rounds(4);
    expect(c.counts()).toEqual({ 'video-a': 2, 'video-b': 2 });
    expect([...a.running, ...b.running].sort()).toEqual(CAMS);
    // stable: nothing moves any more
    const moves = a.acquired.length + b.acquired.length;
    c.rounds(30);
    expect(a.acquired.length + b.acquired.length).toBe(moves);
    expect(c.overlaps).toEqual([]);
  });

  it('a node that dies: the other takes its cameras within the lease + one round, with the next generation', () => {
    const c = cluster(CAMS);
    const a = c.add('video-a', 100);
    const b = c.add('video-b', 100);
    c.rounds(6);
    const aCams = [...a.running].sort();
    expect(aCams).toHaveLength(2);
    const gens = aCams.map((cam) => a.keeper.generationOf(cam)!);
    a.alive = false; // kill -9: nothing released, nothing renewed
    const died = c.clock.now();
    while (b.running.size < 4) {
      c.round();
      expect(c.clock.now() - died).toBeLessThanOrEqual(c.leaseMs + c.leaseMs / 3);
    }
    for (const [i, cam] of aCams.entries()) {
      expect(b.keeper.generationOf(cam)).toBe(gens[i]! + 1);
      expect(new LeaseStore(c.db, c.clock).current(cameraLease(cam))).toMatchObject({ nodeId: 'video-b' });
    }
    expect(c.overlaps).toEqual([]);
  });

  it('maxCameras is respected; a node with room takes what a full node cannot', () => {
    const cams = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const c = cluster(cams);
    const big = c.add('big', 10);
    const small = c.add('small', 2);
    c.rounds(12);
    expect(small.running.size).toBe(2);
    expect(big.running.size).toBe(6);
    const moves = big.acquired.length + small.acquired.length;
    c.rounds(40); // no thrashing back and forth
    expect(big.acquired.length + small.acquired.length).toBe(moves);
    const tight = cluster(['x1', 'x2', 'x3', 'x4', 'x5']);
    tight.add('p', 2);
    tight.add('q', 2);
    tight.rounds(20);
    expect(Object.values(tight.counts())).toEqual([2, 2]); // one camera nobody has room for
    expect(c.overlaps).toEqual([]);
    expect(tight.overlaps).toEqual([]);
  });

  it('database unreachable: the node stops its cameras before the lease runs out; the other takes them after', () => {
    const c = cluster(CAMS);
    const a = c.add('video-a', 100);
    const b = c.add('video-b', 100);
    c.rounds(6);
    const aCams = [...a.running].sort();
    a.leases.down = true;
    const down = c.clock.now();
    c.round();
    expect(a.running.size).toBe(2); // one failed renew: still within the lease
    c.round();
    expect(a.running.size).toBe(0); // the next round would be past the lease: stopped now
    expect(a.keeper.health().state).toBe('degraded');
    expect(b.running.size).toBe(2); // nobody may take them yet
    c.rounds(2);
    expect(b.running.size).toBe(4);
    expect(c.clock.now() - down).toBeLessThanOrEqual(c.leaseMs + c.leaseMs / 3);
    // fencing: a's generation is gone; b's is the next one
    for (const cam of aCams) {
      expect(a.keeper.generationOf(cam)).toBeUndefined();
      expect(b.keeper.generationOf(cam)).toBe(2);
    }
    // the database comes back: a may not renew the old leases, rejoins, and gets its share back from b
    a.leases.down = false;
    c.rounds(6);
    expect(c.counts()).toEqual({ 'video-a': 2, 'video-b': 2 });
    expect(c.overlaps).toEqual([]);
  });

  it('stop gives the cameras up at once: the other node takes them in its next round', async () => {
    const c = cluster(CAMS);
    const a = c.add('video-a', 100);
    const b = c.add('video-b', 100);
    c.rounds(6);
    await a.keeper.stop();
    expect(a.running.size).toBe(0);
    a.alive = false;
    c.round();
    expect(b.running.size).toBe(4);
    expect(c.overlaps).toEqual([]);
  });

  it('a lease taken over while the node was stalled (renew refused) stops the camera at its next round', () => {
    const c = cluster(['only']);
    const a = c.add('a', 10);
    c.round(0);
    expect(a.running.has('only')).toBe(true);
    a.alive = false; // stalled (e.g. a long GC pause), not dead
    const b = c.add('b', 10);
    c.rounds(5);
    expect(b.running.has('only')).toBe(true);
    a.alive = true;
    expect(a.keeper.generationOf('only')).toBeUndefined(); // past its lease: its hits are not stamped any more
    a.keeper.tick();
    expect(a.running.has('only')).toBe(false);
    expect(a.keeper.generationOf('only')).toBeUndefined();
  });

  it('a database that stays down is logged at most 12 lines a minute, not once per camera and round', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    const c = cluster(Array.from({ length: 20 }, (_, i) => `c${i}`));
    const a = c.add('a', 100, log);
    c.rounds(2);
    expect(a.running.size).toBe(20);
    a.leases.down = true;
    c.rounds(24); // two minutes: 20 failed renews a round until the cameras stop, a failed announce every round
    const failed = lines.filter((l) => l.includes('database step failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(24);
    expect(lines.some((l) => l.includes('more such lines'))).toBe(true);
  });
});
