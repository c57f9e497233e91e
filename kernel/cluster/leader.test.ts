import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { openDatabase, openPostgres, type Db } from '../db.ts';
import { silentLogger } from '../log.ts';
import { tempDir, waitFor } from '../testing.ts';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../testing/pg.ts';
import { advisoryKeys, alwaysLeader, LeaderElection } from './leader.ts';
import { clusterMigrations } from './migrations.ts';

/** Two cores, each with its own connection to one SQLite file, on one manual clock. */
function twoCores() {
  const file = path.join(tempDir('gw-leader-'), 'g.db');
  const clock = new ManualClock(1_000_000);
  const changes: string[] = [];
  const dbs = [openDatabase(file, clusterMigrations), openDatabase(file, clusterMigrations)] as const;
  const core = (id: string, db: Db) =>
    new LeaderElection({
      db,
      nodeId: id,
      clock,
      log: silentLogger(),
      leaseMs: 15_000,
      onChange: (leader) => changes.push(`${id}:${leader}`),
    });
  return { clock, changes, dbs, a: core('core-a', dbs[0]), b: core('core-b', dbs[1]) };
}

describe('LeaderElection on SQLite (the lease row leader:core)', () => {
  it('exactly one of two cores leads; a stopped leader hands over at the next round of the other', async () => {
    const { clock, changes, a, b } = twoCores();
    a.tick();
    b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000);
      a.tick();
      b.tick();
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    }
    await a.stop();
    expect(a.isLeader()).toBe(false);
    b.tick();
    expect(b.isLeader()).toBe(true);
    expect(changes).toEqual(['core-a:true', 'core-a:false', 'core-b:true']);
  });

  it('a leader that dies: the other leads once its lease ran out, never before', () => {
    const { clock, a, b } = twoCores();
    a.tick();
    b.tick();
    const died = clock.now();
    for (let t = 5_000; t < 15_000; t += 5_000) {
      clock.set(died + t);
      b.tick();
      expect(b.isLeader()).toBe(false);
    }
    clock.set(died + 15_000);
    b.tick();
    expect(b.isLeader()).toBe(true);
  });

  it('a leader that cannot reach its database stops leading when its lease runs out locally', () => {
    const { clock, dbs, a, b } = twoCores();
    a.tick();
    b.tick();
    dbs[0].close(); // every statement of core-a now throws
    clock.advance(5_000);
    a.tick();
    expect(a.isLeader()).toBe(true); // within its lease
    expect(a.health().state).toBe('degraded');
    clock.advance(10_000);
    expect(a.isLeader()).toBe(false); // the lease ran out (even before the next round)
    b.tick();
    expect(b.isLeader()).toBe(true);
  });

  it('one process alone is always the leader; advisory keys are stable non-negative int4 pairs', () => {
    expect(alwaysLeader.isLeader()).toBe(true);
    const [k1, k2] = advisoryKeys('leader:core');
    expect(advisoryKeys('leader:core')).toEqual([k1, k2]);
    for (const k of [k1, k2]) expect(k >= 0 && k <= 2 ** 31 - 1 && Number.isInteger(k)).toBe(true);
    expect(advisoryKeys('leader:other')[1]).not.toBe(k2);
  });
});

const pgMissing = postgresMissing();
describe.skipIf(pgMissing !== undefined)(
  `LeaderElection on PostgreSQL (advisory lock)${pgMissing ? ` (skipped: ${pgMissing})` : ''}`,
  () => {
    let server: TestPostgres | undefined;
    beforeAll(async () => {
      server = await startTestPostgres();
    }, 60_000);
    afterAll(async () => server?.stop());
    const core = (url: string, id: string) => {
      const db = openPostgres(url, clusterMigrations);
      return { db, el: new LeaderElection({ db, nodeId: id, clock: new ManualClock(0), log: silentLogger() }) };
    };

    it('one of two cores leads; stop hands over; a core whose connection dies loses the lock', async () => {
      const url = server!.createDatabase();
      const a = core(url, 'core-a');
      const b = core(url, 'core-b');
      a.el.tick();
      b.el.tick();
      a.el.tick(); // re-checked in pg_locks, not taken twice
      b.el.tick();
      expect([a.el.isLeader(), b.el.isLeader()]).toEqual([true, false]);
      await a.el.stop();
      b.el.tick();
      a.el.tick();
      expect([a.el.isLeader(), b.el.isLeader()]).toEqual([false, true]);
      b.db.close(); // the process died: PostgreSQL ends the session and its locks with it
      await waitFor(() => {
        a.el.tick();
        return a.el.isLeader();
      });
      b.el.tick(); // its connection is gone: no longer leader
      expect(b.el.isLeader()).toBe(false);
      await a.el.stop();
      a.db.close();
    });

    it('the database goes away: the leader stops leading at its next round', async () => {
      const url = server!.createDatabase();
      const a = core(url, 'core-a');
      a.el.tick();
      expect(a.el.isLeader()).toBe(true);
      await server!.kill();
      a.el.tick();
      expect(a.el.isLeader()).toBe(false);
      expect(a.el.health().state).toBe('degraded');
      await server!.restart();
      a.db.close();
    });
  },
);
