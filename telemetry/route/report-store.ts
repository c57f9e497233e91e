/**
 * Daily compliance reports kept in the main database (one row per vehicle and local day), so the regulator's reports
 * survive a restart: the route service saves the days that changed on every clock tick and at stop, and reads the
 * saved days the running service no longer (or not yet) holds in memory.
 */
import type { Db, Migration } from '../../kernel/db.ts';
import type { DayReport } from './day-stats.ts';
import { errorMessage } from '../../kernel/errors.ts';

export const routeMigrations: readonly Migration[] = [
  {
    id: 'route-001-day-reports',
    sql: `CREATE TABLE route_day_reports (
      vehicle_id TEXT NOT NULL,
      day TEXT NOT NULL,
      report TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (vehicle_id, day)
    ) WITHOUT ROWID;
    CREATE INDEX route_day_reports_day ON route_day_reports (day);`,
  },
  {
    id: 'route-002-clock',
    sql: `DROP TABLE IF EXISTS route_clock;
    CREATE TABLE route_clock (vehicle_id TEXT PRIMARY KEY, last_tick INTEGER NOT NULL, last_fix INTEGER)
      WITHOUT ROWID;`,
  },
];

/** How far a vehicle was checked live when last saved: its clock (ticks) and its fixes (newest fix checked). */
export interface CheckMark {
  readonly vehicleId: string;
  readonly tick: number;
  readonly fix: number | null;
}

export interface DayRange {
  /** First local day, inclusive (YYYY-MM-DD). */
  readonly from?: string;
  /** Last local day, inclusive. */
  readonly to?: string;
  readonly vehicleId?: string;
}

interface Row {
  readonly vehicle_id: string;
  readonly day: string;
  readonly report: string;
}

/** A saved row is our own JSON; one that does not look like a report (hand-edited, truncated) is skipped and named. */
function parse(row: Row): DayReport | Error {
  try {
    const r = JSON.parse(row.report) as Partial<DayReport>;
    if (
      r.vehicleId !== row.vehicle_id ||
      r.day !== row.day ||
      !Array.isArray(r.windows) ||
      typeof r.fixes !== 'number'
    ) {
      return new Error(`route_day_reports (${row.vehicle_id}, ${row.day}): not a day report`);
    }
    return r as DayReport;
  } catch (err) {
    return new Error(`route_day_reports (${row.vehicle_id}, ${row.day}): ${errorMessage(err)}`);
  }
}

export class DayReportStore {
  /** Prepared once, on the first save (it runs at every clock tick). */
  private writer?: (reports: readonly DayReport[], now: number, marks: readonly CheckMark[]) => void;

  constructor(
    private readonly db: Db,
    private readonly onBadRow: (err: Error) => void = () => {},
  ) {}

  /**
   * Saves the days that changed and how far the given vehicles were checked live: what a restart may take as
   * published for them.
   */
  save(reports: readonly DayReport[], now: number, marks: readonly CheckMark[] = []): void {
    this.writer ??= this.prepareWriter();
    this.writer(reports, now, marks);
  }

  private prepareWriter(): (reports: readonly DayReport[], now: number, marks: readonly CheckMark[]) => void {
    const upsert = this.db.prepare(
      'INSERT INTO route_day_reports (vehicle_id, day, report, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT ' +
        '(vehicle_id, day) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at',
    );
    const mark = this.db.prepare(
      'INSERT INTO route_clock (vehicle_id, last_tick, last_fix) VALUES (?, ?, ?) ON CONFLICT (vehicle_id) DO UPDATE ' +
        'SET last_tick = excluded.last_tick, last_fix = excluded.last_fix',
    );
    return this.db.transaction((reports: readonly DayReport[], now: number, marks: readonly CheckMark[]) => {
      for (const r of reports) upsert.run(r.vehicleId, r.day, JSON.stringify(r), now);
      for (const m of marks) mark.run(m.vehicleId, m.tick, m.fix);
    });
  }

  /** Per vehicle, the last mark saved by save(): what its clock and its fixes found up to it was published. */
  marks(): Map<string, CheckMark> {
    const rows = this.db.prepare('SELECT vehicle_id, last_tick, last_fix FROM route_clock').all() as {
      vehicle_id: string;
      last_tick: number;
      last_fix: number | null;
    }[];
    return new Map(rows.map((r) => [r.vehicle_id, { vehicleId: r.vehicle_id, tick: r.last_tick, fix: r.last_fix }]));
  }

  load(range: DayRange = {}): DayReport[] {
    const byVehicle = range.vehicleId !== undefined;
    const rows = this.db
      .prepare(
        'SELECT vehicle_id, day, report FROM route_day_reports WHERE day >= ? AND day <= ?' +
          `${byVehicle ? ' AND vehicle_id = ?' : ''} ORDER BY day, vehicle_id`,
      )
      .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99', ...(byVehicle ? [range.vehicleId] : [])) as Row[];
    const out: DayReport[] = [];
    for (const row of rows) {
      const r = parse(row);
      if (r instanceof Error) this.onBadRow(r);
      else out.push(r);
    }
    return out;
  }
}
