/**
 * `gridwatch db copy --from sqlite:FILE --to postgres://…`: move a pilot's main database into PostgreSQL (or another
 * SQLite file) without loss; the work is kernel/dbcopy/. Prints one line per table with its row counts and whether
 * the target's rows match the source's (count and checksum); exit 1 when any does not.
 */
import type { Command } from 'commander';
import { copyDatabase, type CopyReport, type TableReport } from '../kernel/dbcopy/copy.ts';
import { describe, openSource, openTarget, parseEndpoint } from '../kernel/dbcopy/endpoint.ts';
import { InputError } from '../kernel/errors.ts';
import { everyMainMigration, mainMigrations } from '../main-migrations.ts';

/** Tables a target keeps by itself from others (the search documents, made by triggers on `cases`). */
export const DERIVED_TABLES = ['case_search_rows'] as const;

interface CopyFlags {
  readonly from: string;
  readonly to: string;
  readonly force?: boolean;
  readonly batch: string;
  readonly json?: boolean;
}

const STATUS: Record<TableReport['status'], string> = {
  ok: 'ok',
  derived: 'ok (kept by the target)',
  mismatch: 'MISMATCH',
};

/** The per-table lines: table, source rows, copied rows, target rows, checksum, status. */
export function formatReport(r: CopyReport): string {
  const head = ['table', 'source', 'copied', 'target', 'checksum', 'status'];
  const rows = r.tables.map((t) => [
    t.table,
    String(t.sourceRows),
    String(t.copiedRows),
    String(t.targetRows),
    t.targetChecksum.slice(0, 12),
    STATUS[t.status],
  ]);
  const total = (f: (t: TableReport) => number): string => String(r.tables.reduce((a, t) => a + f(t), 0));
  rows.push(['(all)', total((t) => t.sourceRows), total((t) => t.copiedRows), total((t) => t.targetRows), '', '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)].join('\n');
}

export function registerDbCopy(db: Command): void {
  db.command('copy')
    .description(
      "copy every table of a pilot's main database into PostgreSQL (ids kept), verified per table by row count " +
        'and checksum',
    )
    .requiredOption('--from <source>', 'the database to copy: sqlite:FILE (e.g. sqlite:data/gridwatch.db)')
    .requiredOption('--to <target>', 'where to: postgres://USER:PASSWORD@HOST:PORT/DATABASE (migrated first)')
    .option('--force', 'delete what the target already holds first (without it a non-empty target is refused)')
    .option('--batch <rows>', 'rows written per transaction', '500')
    .option('--json', 'print the report as JSON')
    .action((flags: CopyFlags) => {
      const batchRows = Number(flags.batch);
      if (!Number.isInteger(batchRows) || batchRows < 1)
        throw new InputError(`--batch: a positive integer, got "${flags.batch}"`);
      const from = parseEndpoint('--from', flags.from);
      const to = parseEndpoint('--to', flags.to);
      if (from.kind === 'sqlite' && to.kind === 'sqlite' && from.file === to.file)
        throw new InputError('--from and --to are the same file');
      const t0 = performance.now();
      // the source needs what a one-process pilot has; the target gets every table any role uses (cluster too)
      const source = openSource(from, mainMigrations, everyMainMigration);
      try {
        const target = openTarget(to, everyMainMigration);
        try {
          for (const n of [...source.notes, ...target.notes]) process.stderr.write(`${n}\n`);
          const report = copyDatabase(source.db, target.db, {
            force: flags.force ?? false,
            batchRows,
            derived: DERIVED_TABLES,
            onTable: (t) => {
              const rows = `${t.targetRows} row${t.targetRows === 1 ? '' : 's'}`;
              if (!flags.json) process.stderr.write(`${t.table}: ${rows} (${Math.round(t.ms)} ms)\n`);
            },
          });
          const seconds = ((performance.now() - t0) / 1000).toFixed(1);
          if (flags.json)
            process.stdout.write(`${JSON.stringify({ from: describe(from), to: describe(to), ...report })}\n`);
          else {
            process.stdout.write(`${formatReport(report)}\n`);
            if (report.sequences.length > 0)
              process.stdout.write(`identity sequences moved: ${report.sequences.join(', ')}\n`);
            process.stdout.write(
              `${describe(from)} → ${describe(to)} in ${seconds} s: ` +
                `${report.ok ? 'every table verified (row count and checksum)' : 'SOME TABLES DIFFER (see above)'}\n`,
            );
          }
          if (!report.ok) process.exitCode = 1;
        } finally {
          target.close();
        }
      } finally {
        source.close();
      }
    });
}
