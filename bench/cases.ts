/**
 * Automatic cases on the main store: how fast hits become cases (each one transaction: case row, 3 audit rows, ref,
 * id counter — created, registered, dispatched, with grid lookup, routing and a working-hour deadline) against the
 * bare baseline of writing the same rows directly on the same backend (raw better-sqlite3; raw `pg`); duplicates
 * attached; one statement's round trip; KPIs over 100,000 cases. With `--db postgres` the same on a real PostgreSQL
 * (a temporary server, kernel/testing/pg.ts) in the same run, beside SQLite.
 *   npm run bench -- cases [COUNT] [--db sqlite|postgres] [--kpi-cases N]
 * Last line: both backends' figures; `ratio` is ours ÷ bare of the backend named by --db.
 */
import { startTestPostgres } from '../kernel/testing/pg.ts';
import { measureBackend, type BackendFigures } from './cases/backend.ts';
import { line } from './report.ts';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function print(name: string, f: BackendFigures): void {
  const bare = name === 'sqlite' ? 'raw better-sqlite3' : 'raw pg client';
  line(`[${name}] hits → new automatic cases`, f.casesPerSec, 'cases/s');
  line(`[${name}] bare baseline (same rows, ${bare})`, f.baselinePerSec, 'cases/s');
  line(`[${name}] duplicate hits attached to open cases`, f.attachPerSec, 'hits/s');
  line(`[${name}] one statement round trip (SELECT 1)`, f.roundTripUs, 'µs');
  line(`[${name}] bare round trip (${bare})`, f.bareRoundTripUs, 'µs');
  line(`[${name}] KPIs over ${f.kpiCases} cases (load + compute)`, f.kpiMs, 'ms');
  line(`[${name}] bulk fill of those cases`, f.kpiFillMs, 'ms');
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const count = Number(args[0] !== undefined && !args[0].startsWith('--') ? args[0] : 2000);
  const db = option(args, '--db') ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db: sqlite or postgres, not "${db}"`);
  const kpiCases = Number(option(args, '--kpi-cases') ?? 100_000);
  const sqlite = await measureBackend({ kind: 'sqlite' }, count, kpiCases);
  print('sqlite', sqlite);
  let postgres: BackendFigures | undefined;
  if (db === 'postgres') {
    const server = await startTestPostgres();
    try {
      postgres = await measureBackend({ kind: 'postgres', server }, count, kpiCases);
    } finally {
      await server.stop();
    }
    print('postgres', postgres);
    line('postgres ÷ sqlite, new cases/s', postgres.casesPerSec / sqlite.casesPerSec);
    line('postgres ÷ sqlite, KPI time', postgres.kpiMs / sqlite.kpiMs);
  }
  const main = postgres ?? sqlite;
  return {
    count,
    db,
    casesPerSec: main.casesPerSec,
    baselinePerSec: main.baselinePerSec,
    ratio: main.ratio,
    kpiMs: main.kpiMs,
    sqlite,
    ...(postgres
      ? {
          postgres,
          postgresVsSqlite: {
            casesPerSec: Number((postgres.casesPerSec / sqlite.casesPerSec).toFixed(3)),
            kpiMs: Number((postgres.kpiMs / sqlite.kpiMs).toFixed(3)),
            roundTrip: Number((postgres.roundTripUs / sqlite.roundTripUs).toFixed(1)),
          },
        }
      : {}),
  };
}
