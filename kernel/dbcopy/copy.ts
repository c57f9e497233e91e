/**
 * Copy every table of one main database into another (a pilot's SQLite file into PostgreSQL): both already migrated
 * to the same schema; tables in foreign-key order, each read in primary-key order and written in batches, one
 * transaction per batch, ids kept (PostgreSQL identity sequences moved past them afterwards); then each table is
 * read back from the target and compared with the source by row count and checksum (checksum.ts).
 */
import type { Db } from '../db.ts';
import { errorMessage } from '../errors.ts';
import { TableChecksum } from './checksum.ts';
import { pages, type Row } from './pages.ts';
import { quoteIdent, readTables, referenceOrder, type TableInfo } from './schema.ts';
import { resetIdentities } from './identity.ts';

export interface CopyOptions {
  /** Delete what the target's tables hold first; without it a target with any row is refused. */
  readonly force?: boolean;
  /** Rows per batch (one transaction each); default 500. */
  readonly batchRows?: number;
  /**
   * Tables the target may keep by itself from others (search documents made by triggers on `cases`): handled last;
   * when the target filled them already their row count is compared, else they are copied like any table.
   */
  readonly derived?: readonly string[];
  /** Called with each table's result, once it was read back from the target. */
  readonly onTable?: (t: TableReport) => void;
}

export type TableStatus = 'ok' | 'mismatch' | 'derived';

export interface TableReport {
  readonly table: string;
  readonly sourceRows: number;
  /** Rows written by the copy (0 for a table the target filled itself). */
  readonly copiedRows: number;
  readonly targetRows: number;
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly status: TableStatus;
  readonly ms: number;
}

export interface CopyReport {
  readonly tables: readonly TableReport[];
  /** `table.column → next value` of each identity sequence moved. */
  readonly sequences: readonly string[];
  readonly ok: boolean;
}

/** The copy was refused before anything was written (a non-empty target without force, a table with no place). */
export class CopyRefused extends Error {}

/** One table to copy: as each side has it (each is read in its own key order), and the columns both have. */
interface Step {
  readonly src: TableInfo;
  readonly dst: TableInfo;
  readonly columns: readonly string[];
}

/** The tables to copy, in order, each with the columns both sides have. */
function plan(source: Db, target: Db, derived: ReadonlySet<string>): Step[] {
  const src = readTables(source);
  const dst = readTables(target);
  src.delete('migrations'); // each side records its own migrations
  const out: Step[] = [];
  const problems: string[] = [];
  for (const t of referenceOrder([...src.values()])) {
    const there = dst.get(t.name);
    if (!there) {
      if (!derived.has(t.name)) problems.push(`table ${t.name} has no place in the target`);
      continue;
    }
    const missing = t.columns.filter((c) => !there.columns.includes(c));
    if (missing.length > 0 && !derived.has(t.name))
      problems.push(`${t.name}: the target has no column ${missing.join(', ')}`);
    out.push({ src: t, dst: there, columns: t.columns.filter((c) => !missing.includes(c)) });
  }
  if (problems.length > 0)
    throw new CopyRefused(`source and target schemas differ (not the same gridwatch version?): ${problems.join('; ')}`);
  // derived tables last, after the tables they are made from
  return [...out.filter((p) => !derived.has(p.src.name)), ...out.filter((p) => derived.has(p.src.name))];
}

const count = (db: Db, table: string): number =>
  Number(
    db
      .prepare(`SELECT COUNT(*) FROM ${quoteIdent(table)}`)
      .pluck()
      .get(),
  );

/** Refuse a target with rows unless forced; forced, empty its tables (referencing tables first). */
function clearTarget(target: Db, tables: readonly TableInfo[], force: boolean): void {
  const full = tables.map((t) => [t.name, count(target, t.name)] as const).filter(([, n]) => n > 0);
  if (full.length === 0) return;
  if (!force)
    throw new CopyRefused(
      `the target is not empty (${full.map(([t, n]) => `${t}: ${n}`).join(', ')}); ` +
        'give --force to delete what it holds and copy again',
    );
  target.transaction(() => {
    for (const t of [...tables].reverse()) target.exec(`DELETE FROM ${quoteIdent(t.name)}`);
  })();
}

/** Insert statements by batch size (the last batch of a table is usually smaller). */
function inserter(target: Db, table: TableInfo, columns: readonly string[]): (rows: readonly Row[]) => void {
  const byRows = new Map<number, ReturnType<Db['prepare']>>();
  const overriding = target.dialect === 'postgres' && table.identity.length > 0 ? ' OVERRIDING SYSTEM VALUE' : '';
  const head = `INSERT INTO ${quoteIdent(table.name)} (${columns.map(quoteIdent).join(', ')})${overriding} VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return (rows) => {
    let stmt = byRows.get(rows.length);
    if (!stmt) {
      stmt = target.prepare(head + Array<string>(rows.length).fill(tuple).join(', '));
      byRows.set(rows.length, stmt);
    }
    stmt.run(...rows.flatMap((r) => columns.map((c) => r[c])));
  };
}

function copyTable(source: Db, target: Db, step: Step, opts: CopyOptions): TableChecksum {
  const { src, dst, columns } = step;
  const batch = opts.batchRows ?? 500;
  const sum = new TableChecksum(columns);
  const insert = inserter(target, dst, columns);
  const write = target.transaction((rows: readonly Row[]) => insert(rows));
  const rowsPerBatch = Math.max(1, Math.min(batch, Math.floor(30_000 / Math.max(1, columns.length))));
  for (const rows of pages(source, src, columns, rowsPerBatch)) {
    try {
      write(rows);
    } catch (err) {
      const key = src.primaryKey.map((k) => `${k} = ${String(rows[0]?.[k])}`).join(', ');
      throw new Error(
        `${src.name}: writing ${rows.length} rows from ${key || 'the start'} failed: ${errorMessage(err)}`,
        {
          cause: err,
        },
      );
    }
    for (const r of rows) sum.add(r);
  }
  return sum;
}

function checksumOf(db: Db, table: TableInfo, columns: readonly string[]): TableChecksum {
  const sum = new TableChecksum(columns);
  for (const rows of pages(db, table, columns, 2000)) for (const r of rows) sum.add(r);
  return sum;
}

export function copyDatabase(source: Db, target: Db, opts: CopyOptions = {}): CopyReport {
  const derived = new Set(opts.derived ?? []);
  const steps = plan(source, target, derived);
  clearTarget(
    target,
    steps.map((s) => s.dst),
    opts.force ?? false,
  );
  const copied: { step: Step; sum: TableChecksum; copied: boolean; ms: number }[] = [];
  // one read transaction on the source: every table from the same moment, even while a pilot keeps writing
  source.transaction(() => {
    if (source.dialect === 'postgres') source.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    for (const step of steps) {
      const t0 = performance.now();
      // a derived table the target already filled from the tables copied before it: compared, not copied
      const filled = derived.has(step.src.name) && count(target, step.dst.name) > 0;
      const sum = filled ? checksumOf(source, step.src, step.columns) : copyTable(source, target, step, opts);
      copied.push({ step, sum, copied: !filled, ms: performance.now() - t0 });
    }
  })();
  const sequences = resetIdentities(
    source,
    target,
    steps.map((s) => s.dst),
  );
  // read every table back from the target once all are written (a trigger of a later table cannot hide a change)
  const tables = copied.map(({ step, sum, copied, ms }): TableReport => {
    const back = checksumOf(target, step.dst, step.columns);
    const same = back.rows === sum.rows && (!copied || back.hex === sum.hex);
    const report: TableReport = {
      table: step.src.name,
      sourceRows: sum.rows,
      copiedRows: copied ? sum.rows : 0,
      targetRows: back.rows,
      sourceChecksum: sum.hex,
      targetChecksum: back.hex,
      status: !same ? 'mismatch' : copied ? 'ok' : 'derived',
      ms,
    };
    opts.onTable?.(report);
    return report;
  });
  return { tables, sequences, ok: tables.every((r) => r.status !== 'mismatch') };
}
