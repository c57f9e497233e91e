import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../db.ts';
import { freePort, postgresMissing, startTestPostgres, type TestPostgres } from '../testing/pg.ts';
import { PgDb } from './postgres.ts';
import { DatabaseUnavailableError } from './types.ts';

const missing = postgresMissing();

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(missing !== undefined)(`PostgreSQL backend${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('refuses to start against a server that is not there, naming the host but not the password', async () => {
    const port = await freePort();
    let err: unknown;
    try {
      PgDb.connect(`postgres://gw:s3cret-pw@127.0.0.1:${port}/city`, { connectTimeoutMs: 2000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toContain(`cannot connect to PostgreSQL (postgres 127.0.0.1:${port}/city)`);
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('keeps the SQLSTATE of an error and refuses named or missing parameters clearly', () => {
    const db = openPostgres(pg.createDatabase());
    expect(db.description).toMatch(/^postgres 127\.0\.0\.1:\d+\/t_/);
    let err: unknown;
    try {
      db.exec('SELEC 1');
    } catch (e) {
      err = e;
    }
    expect((err as { code?: string }).code).toBe('42601');
    expect(() => db.prepare('SELECT ?::int').get({ a: 1 })).toThrow(/named parameters/);
    expect(() => db.prepare('SELECT ?::int + ?::int').get(1)).toThrow(/takes 2 parameters, 1 given/);
    expect(db.prepare('SELECT ?::int + ?::int AS s').get([1, 2])).toEqual({ s: 3 });
    db.close();
    expect(db.open).toBe(false);
  });

  it('fails statements with "database unavailable" while the server is gone and reconnects with backoff', async () => {
    const told: [boolean, string][] = [];
    const onAvailability = (up: boolean, detail: string): number => told.push([up, detail]);
    const db = PgDb.connect(pg.createDatabase(), { minBackoffMs: 50, maxBackoffMs: 500, onAvailability });
    db.exec('CREATE TABLE t (x BIGINT)');
    const add = db.prepare('INSERT INTO t VALUES (?)');
    add.run(1);
    await pg.kill();
    expect(() => add.run(2)).toThrow(DatabaseUnavailableError);
    expect(() => add.run(2)).toThrow(/database unavailable \(postgres 127\.0\.0\.1:\d+\/t_/);
    expect(db.ping()).toBe(false);
    await pg.restart();
    await until(() => db.ping());
    add.run(3);
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 3]);
    expect(told.map(([up]) => up)).toEqual([false, true]); // told once when it went, once when it came back
    expect(told[0]?.[1]).toMatch(/^database unavailable/);
    db.close();
  });

  it('fails a transaction whose connection was lost, commits nothing of it, goes on after the rollback', async () => {
    const db = PgDb.connect(pg.createDatabase(), { minBackoffMs: 50, maxBackoffMs: 500 });
    db.exec('CREATE TABLE t (x BIGINT)');
    const add = db.prepare('INSERT INTO t VALUES (?)');
    let killed: Promise<void> | undefined;
    expect(() =>
      db.transaction(() => {
        add.run(1);
        killed = pg.kill();
        // statements go on until the server is gone (each blocks this thread for one round trip)
        const end = Date.now() + 10_000;
        while (Date.now() < end) add.run(2);
      })(),
    ).toThrow(DatabaseUnavailableError);
    await killed;
    expect(db.inTransaction).toBe(false);
    await pg.restart();
    await until(() => db.ping());
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    db.transaction(() => add.run(5))();
    expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual([5]);
    db.close();
  });
});
