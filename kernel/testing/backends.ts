/**
 * One repository contract, both backends: `describeBackends(name, (open) => { …tests… })` runs the same tests on
 * SQLite (:memory:) and on a real PostgreSQL (kernel/testing/pg.ts; one server per test file, shared by its
 * describeBackends and gone with its process; a fresh database per `open()`). Without PostgreSQL binaries the
 * PostgreSQL half is skipped, the reason in its title.
 */
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openDatabase, openPostgres, type Db, type Dialect, type Migration } from '../db.ts';
import { postgresMissing, startTestPostgres, type TestPostgres } from './pg.ts';

/** Open a fresh, empty database of the suite's backend with `migrations` applied; closed after each test. */
export type OpenDb = (migrations?: readonly Migration[]) => Db;

export interface BackendContext {
  readonly dialect: Dialect;
  /**
   * Config sections for a whole store or app on this backend: `{ database: { url } }` naming a fresh database on
   * PostgreSQL, `{}` on SQLite (the file in the data dir). Merge into a test config.
   */
  readonly database: () => Record<string, unknown>;
  /** The PostgreSQL server (postgres only): kill/restart it to test a database that goes away. */
  readonly server?: () => TestPostgres;
}

/** One server for every describeBackends of a test file (its process), stopped when the process exits. */
let shared: Promise<TestPostgres> | undefined;

export function describeBackends(name: string, body: (open: OpenDb, ctx: BackendContext) => void): void {
  // after the whole file (a hook at the level describeBackends is called from): the shared server goes
  afterAll(async () => {
    const server = shared;
    shared = undefined;
    await (await server)?.stop();
  });
  const opened: Db[] = [];
  const closeAll = (): void => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  };

  describe(`${name} [sqlite]`, () => {
    afterEach(closeAll);
    const open: OpenDb = (migrations = []) => {
      const db = openDatabase(':memory:', migrations);
      opened.push(db);
      return db;
    };
    body(open, { dialect: 'sqlite', database: () => ({}) });
  });

  const missing = postgresMissing();
  describe.skipIf(missing !== undefined)(`${name} [postgres]${missing ? ` (skipped: ${missing})` : ''}`, () => {
    let server: TestPostgres | undefined;
    beforeAll(async () => {
      shared ??= startTestPostgres();
      server = await shared;
    });
    afterEach(closeAll);
    afterAll(closeAll);
    const live = (): TestPostgres => {
      if (!server) throw new Error('PostgreSQL not started');
      return server;
    };
    const open: OpenDb = (migrations = []) => {
      const db = openPostgres(live().createDatabase(), migrations);
      opened.push(db);
      return db;
    };
    const database = (): Record<string, unknown> => ({ database: { url: live().createDatabase() } });
    body(open, { dialect: 'postgres', server: live, database });
  });
}
