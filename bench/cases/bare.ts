/**
 * The bare baselines, each on its own database of the same backend: the rows of one automatic case written directly
 * (one transaction per case) with raw better-sqlite3, or with a raw `pg` client (async, no worker thread), and one
 * statement's round trip (`SELECT 1`) the same two ways.
 */
import type Database from 'better-sqlite3';
import pg from 'pg';
import { ACTIONS, caseValues, DAY, dollar, eventValues, SQL } from './rows.ts';

export interface Bare {
  /** Write cases from..to-1; returns the ms taken. */
  run(from: number, to: number): Promise<number>;
  /** Mean µs of one `SELECT 1` over `n`. */
  roundTripUs(n: number): Promise<number>;
  close(): Promise<void>;
}

const caseId = (n: unknown): string => `${DAY}${String(n).padStart(5, '0')}`;

export function bareSqlite(db: Database.Database): Bare {
  const seq = db.prepare(SQL.seq).pluck();
  const ins = db.prepare(SQL.insert);
  const ev = db.prepare(SQL.event);
  const ref = db.prepare(SQL.ref);
  const one = db.transaction((i: number) => {
    const id = caseId(seq.get(DAY));
    ins.run(...caseValues(id, i));
    for (const a of ACTIONS) ev.run(...eventValues(id, a));
    ref.run(`hit:b-${i}`, id, caseValues(id, i)[8]);
  });
  const ping = db.prepare('SELECT 1').pluck();
  return {
    run: async (from, to) => {
      const t0 = performance.now();
      for (let i = from; i < to; i++) one(i);
      return performance.now() - t0;
    },
    roundTripUs: async (n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) ping.get();
      return ((performance.now() - t0) * 1000) / n;
    },
    close: async () => void db.close(),
  };
}

export async function barePg(url: string): Promise<Bare> {
  const client = new pg.Client({ connectionString: url });
  let lost: unknown;
  client.on('error', (err) => {
    lost = err; // the server went away (the bench stops it when done): reported by the next query, not a crash
  });
  await client.connect();
  // named statements: parsed once per connection, as a driver that prepares would
  const q = (name: string, text: string, values: unknown[]) => client.query({ name, text: dollar(text), values });
  return {
    run: async (from, to) => {
      const t0 = performance.now();
      for (let i = from; i < to; i++) {
        await client.query('BEGIN');
        const n = (await q('seq', SQL.seq, [DAY])).rows[0] as { n: string | number };
        const id = caseId(n.n);
        await q('ins', SQL.insert, caseValues(id, i));
        for (const a of ACTIONS) await q('ev', SQL.event, eventValues(id, a));
        await q('ref', SQL.ref, [`hit:b-${i}`, id, caseValues(id, i)[8]]);
        await client.query('COMMIT');
      }
      return performance.now() - t0;
    },
    roundTripUs: async (n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await client.query({ name: 'ping', text: 'SELECT 1' });
      return ((performance.now() - t0) * 1000) / n;
    },
    close: async () => {
      if (!lost) await client.end();
    },
  };
}
