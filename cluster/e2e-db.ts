/** The cluster test's look into the core's database (read only): SQLite file now, PostgreSQL when configured. */
import Database from 'better-sqlite3';
import path from 'node:path';

export interface CoreDb {
  /** Added to the cluster config (database.url when the test runs on PostgreSQL). */
  readonly configExtra: { readonly databaseUrl?: string };
  /** ref → case id for those refs that are on a case. */
  caseOfRefs(refs: readonly string[]): Promise<Map<string, string>>;
  caseCameras(): Promise<string[]>;
  vehicleCases(): Promise<number>;
  /** camera/zone → open cases there. */
  openCasesPerZone(): Promise<Map<string, number>>;
  /** ref → rows in the core's ledger of processed messages. */
  ledgerRowsPerRef(refs: readonly string[]): Promise<Map<string, number>>;
  /** Problems found by the integrity checks (empty when sound). */
  integrity(): Promise<string[]>;
  close(): Promise<void>;
}

const CAMERAS = 'SELECT DISTINCT camera_id FROM cases WHERE camera_id IS NOT NULL';
const VEHICLE_CASES = "SELECT COUNT(*) FROM cases WHERE source = 'vehicle'";
const OPEN_PER_ZONE =
  "SELECT camera_id || '/' || zone_id AS z, COUNT(*) AS n FROM cases WHERE camera_id IS NOT NULL " +
  "AND status NOT IN ('closed', 'cancelled', 'rejected') GROUP BY z";

export async function openCoreDb(coreDataDir: string): Promise<CoreDb> {
  const file = path.join(coreDataDir, 'gridwatch.db');
  const read = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return fn(db);
    } finally {
      db.close();
    }
  };
  const safe = <T>(fn: (db: Database.Database) => T, fallback: T): Promise<T> => {
    try {
      return Promise.resolve(read(fn));
    } catch {
      return Promise.resolve(fallback); // not created yet, or the core is away
    }
  };
  return {
    configExtra: {},
    caseOfRefs: (refs) =>
      safe((db) => {
        const q = db.prepare('SELECT case_id FROM case_refs WHERE ref = ?').pluck();
        const out = new Map<string, string>();
        for (const r of refs) {
          const id = q.get(r) as string | undefined;
          if (id) out.set(r, id);
        }
        return out;
      }, new Map()),
    caseCameras: () => safe((db) => db.prepare(CAMERAS).pluck().all() as string[], []),
    vehicleCases: () => safe((db) => db.prepare(VEHICLE_CASES).pluck().get() as number, 0),
    openCasesPerZone: () =>
      safe((db) => {
        const rows = db.prepare(OPEN_PER_ZONE).all() as { z: string; n: number }[];
        return new Map(rows.map((r) => [r.z, r.n]));
      }, new Map()),
    ledgerRowsPerRef: (refs) =>
      safe((db) => {
        const q = db.prepare('SELECT COUNT(*) FROM cluster_processed WHERE ref = ?').pluck();
        return new Map(refs.map((r) => [r, q.get(r) as number]));
      }, new Map()),
    integrity: () =>
      safe(
        (db) => {
          const ok = db.pragma('integrity_check', { simple: true });
          const fk = db.pragma('foreign_key_check') as unknown[];
          const orphans = db
            .prepare('SELECT COUNT(*) FROM case_refs r LEFT JOIN cases c ON c.id = r.case_id WHERE c.id IS NULL')
            .pluck()
            .get() as number;
          return [
            ...(ok === 'ok' ? [] : [`integrity_check: ${String(ok)}`]),
            ...(fk.length ? [`${fk.length} foreign key violations`] : []),
            ...(orphans ? [`${orphans} case refs without their case`] : []),
          ];
        },
        ['database unreadable'],
      ),
    close: async () => {},
  };
}

/** The same look into a core on PostgreSQL (node-postgres, one connection). */
export async function openCoreDbPg(url: string): Promise<CoreDb> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query(sql, params)).rows as T[];
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(Object.values((await rows<Record<string, unknown>>(sql, params))[0] ?? { n: 0 })[0]);
  const safe = async <T>(fn: () => Promise<T>, fallback: T): Promise<T> => fn().catch(() => fallback);
  return {
    configExtra: { databaseUrl: url },
    caseOfRefs: (refs) =>
      safe(async () => {
        const got = await rows<{ ref: string; case_id: string }>(
          'SELECT ref, case_id FROM case_refs WHERE ref = ANY($1)',
          [refs],
        );
        return new Map(got.map((r) => [r.ref, r.case_id]));
      }, new Map()),
    caseCameras: () => safe(async () => (await rows<{ camera_id: string }>(CAMERAS)).map((r) => r.camera_id), []),
    vehicleCases: () => safe(() => count(VEHICLE_CASES), 0),
    openCasesPerZone: () =>
      safe(
        async () => new Map((await rows<{ z: string; n: string }>(OPEN_PER_ZONE)).map((r) => [r.z, Number(r.n)])),
        new Map(),
      ),
    ledgerRowsPerRef: (refs) =>
      safe(async () => {
        const got = await rows<{ ref: string; n: string }>(
          'SELECT ref, COUNT(*) AS n FROM cluster_processed WHERE ref = ANY($1) GROUP BY ref',
          [refs],
        );
        const by = new Map(got.map((r) => [r.ref, Number(r.n)]));
        return new Map(refs.map((r) => [r, by.get(r) ?? 0]));
      }, new Map()),
    integrity: () =>
      safe(async () => {
        const orphans = await count(
          'SELECT COUNT(*) FROM case_refs r LEFT JOIN cases c ON c.id = r.case_id WHERE c.id IS NULL',
        );
        const events = await count(
          'SELECT COUNT(*) FROM case_events e LEFT JOIN cases c ON c.id = e.case_id WHERE c.id IS NULL',
        );
        // every index usable (a corrupted btree fails a full scan through it)
        await rows('SELECT COUNT(*) FROM cases');
        return [
          ...(orphans ? [`${orphans} case refs without their case`] : []),
          ...(events ? [`${events} case events without their case`] : []),
        ];
      }, ['database unreadable']),
    close: async () => {
      await client.end();
    },
  };
}
