/**
 * `gridwatch db copy` on a pilot-sized database: an SQLite main store with N cases and their timelines (bulk
 * filled, search documents by its triggers) copied into a temporary PostgreSQL, verified; against the bare baseline
 * of the same rows read with raw better-sqlite3 and written with a raw `pg` client in the same batches, one
 * transaction each, without reading anything back.
 *   npm run bench -- dbcopy [CASES]
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { copyDatabase } from '../kernel/dbcopy/copy.ts';
import { openDatabase, openPostgres } from '../kernel/db.ts';
import { tempDir } from '../kernel/testing.ts';
import { startTestPostgres } from '../kernel/testing/pg.ts';
import { everyMainMigration, mainMigrations } from '../main-migrations.ts';
import { DERIVED_TABLES } from '../cli/db-copy.ts';
import { fillCases } from './cases/rows.ts';
import { line, timed } from './report.ts';

const BATCH = 500;

/** Every row of `table` written into PostgreSQL with a raw client, multi-row INSERTs of BATCH rows per transaction. */
async function bareTable(src: Database.Database, client: pg.Client, table: string): Promise<number> {
  const rows = src.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
  if (rows.length === 0) return 0;
  const cols = Object.keys(rows[0] as object);
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    let n = 0;
    const tuples = chunk.map(() => `(${cols.map(() => `$${++n}`).join(', ')})`).join(', ');
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO ${table} (${cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples}`,
      chunk.flatMap((r) => cols.map((c) => r[c])),
    );
    await client.query('COMMIT');
  }
  return rows.length;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const cases = Number(args[0] ?? 100_000);
  const file = `${tempDir('gw-bench-copy-')}/gridwatch.db`;
  const filled = openDatabase(file, mainMigrations);
  const fill = await timed(() => fillCases(filled, cases, 30 * 86_400_000));
  filled.close();
  const server = await startTestPostgres();
  try {
    const source = new Database(file, { readonly: true });
    const bareUrl = server.createDatabase();
    openPostgres(bareUrl, everyMainMigration).close();
    const client = new pg.Client({ connectionString: bareUrl });
    client.on('error', () => undefined);
    await client.connect();
    const bare = await timed(async () => {
      let n = 0;
      for (const t of ['cases', 'case_events']) n += await bareTable(source, client, t);
      return n;
    });
    await client.end();
    source.close();

    const src = openDatabase(file);
    const dst = openPostgres(server.createDatabase(), everyMainMigration);
    const ours = await timed(() => copyDatabase(src, dst, { batchRows: BATCH, derived: DERIVED_TABLES }));
    src.close();
    dst.close();
    const rows = ours.result.tables.reduce((a, t) => a + t.copiedRows, 0);
    if (!ours.result.ok) throw new Error('the copy did not verify');
    line('source: cases bulk-filled into SQLite', cases);
    line('  fill time', fill.wallMs, 'ms');
    line('db copy: rows copied (then read back, checksummed)', rows);
    line('db copy: time', ours.wallMs, 'ms');
    line('db copy: rows/s', (rows / ours.wallMs) * 1000);
    line('bare baseline: same rows, raw pg, no read-back', bare.result);
    line('bare baseline: time', bare.wallMs, 'ms');
    return {
      cases,
      rows,
      copyMs: Math.round(ours.wallMs),
      rowsPerSec: Math.round((rows / ours.wallMs) * 1000),
      bareMs: Math.round(bare.wallMs),
      ratio: Number((bare.wallMs / ours.wallMs).toFixed(3)),
    };
  } finally {
    await server.stop();
  }
}
