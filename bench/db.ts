/**
 * One statement round trip on the two backends of the store contract (kernel/db/): SQLite (a WAL file) and
 * PostgreSQL (one connection in a worker thread, called synchronously through synckit). For each: a point SELECT,
 * an INSERT in autocommit, and INSERTs inside one transaction, in µs per statement (median of REPEATS runs of N).
 * The bare baseline is the same point SELECT with `pg` called asynchronously on its own connection in this thread
 * (no worker, no synckit): `ratio` = the store contract's PostgreSQL SELECT ÷ that baseline, i.e. what the
 * synchronous bridge costs on top of the protocol round trip.
 *   npm run bench -- db [N] [REPEATS] [--url postgres://…]   (without --url: a throw-away local PostgreSQL)
 */
import pg from 'pg';
import { openDatabase, openPostgres, type Db } from '../kernel/db.ts';
import { tempDir } from '../kernel/testing.ts';
import { startTestPostgres, type TestPostgres } from '../kernel/testing/pg.ts';
import { line } from './report.ts';

const schema = [{ id: 'b-001', sql: 'CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT, ts INTEGER)' }];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function perStatementUs(n: number, repeats: number, fn: (i: number) => void): number {
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    runs.push(((performance.now() - t0) * 1000) / n);
  }
  return median(runs);
}

function measure(db: Db, n: number, repeats: number): { select: number; insert: number; txInsert: number } {
  const ins = db.prepare('INSERT INTO b (k, ts) VALUES (?, ?)');
  ins.run('seed', 1);
  const sel = db.prepare('SELECT k, ts FROM b WHERE id = ?');
  const select = perStatementUs(n, repeats, () => sel.get(1));
  const insert = perStatementUs(Math.max(1, n / 10), repeats, (i) => ins.run(`k${i}`, Date.now()));
  const txInsert =
    perStatementUs(1, repeats, () =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) ins.run(`t${i}`, Date.now());
      })(),
    ) / n;
  return { select, insert, txInsert };
}

async function rawAsyncSelectUs(url: string, n: number, repeats: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const runs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await client.query({ text: 'SELECT k, ts FROM b WHERE id = $1', values: [1] });
      runs.push(((performance.now() - t0) * 1000) / n);
    }
    return median(runs);
  } finally {
    await client.end();
  }
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const urlAt = args.indexOf('--url');
  const given = urlAt >= 0 ? args[urlAt + 1] : undefined;
  const nums = (urlAt >= 0 ? [...args.slice(0, urlAt), ...args.slice(urlAt + 2)] : args).map(Number);
  const n = nums[0] || 2000;
  const repeats = nums[1] || 5;
  let server: TestPostgres | undefined;
  if (!given) server = await startTestPostgres();
  const url = given ?? server!.createDatabase();
  try {
    const lite = openDatabase(`${tempDir('gw-bench-db-')}/b.db`, schema);
    const s = measure(lite, n, repeats);
    lite.close();
    const pgDb = openPostgres(url, schema);
    const p = measure(pgDb, n, repeats);
    pgDb.close();
    const raw = await rawAsyncSelectUs(url, n, repeats);
    line('SQLite (WAL file): point SELECT', s.select, 'µs');
    line('SQLite: INSERT, autocommit', s.insert, 'µs');
    line('SQLite: INSERT inside a transaction', s.txInsert, 'µs');
    line('PostgreSQL (sync, worker): point SELECT', p.select, 'µs');
    line('PostgreSQL: INSERT, autocommit', p.insert, 'µs');
    line('PostgreSQL: INSERT inside a transaction', p.txInsert, 'µs');
    line('bare baseline: pg async SELECT, same thread', raw, 'µs');
    line('PostgreSQL ÷ SQLite, point SELECT', p.select / s.select, '×');
    return {
      n,
      repeats,
      postgresServer: given ? 'given' : 'local throw-away (fsync off)',
      sqliteSelectUs: s.select,
      sqliteInsertUs: s.insert,
      sqliteTxInsertUs: s.txInsert,
      pgSelectUs: p.select,
      pgInsertUs: p.insert,
      pgTxInsertUs: p.txInsert,
      pgRawAsyncSelectUs: raw,
      pgOverSqliteSelect: p.select / s.select,
      ratio: p.select / raw,
    };
  } finally {
    await server?.stop();
  }
}
