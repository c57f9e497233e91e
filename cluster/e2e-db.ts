/** The cluster test's look into the core's database (read only): the cluster's PostgreSQL. */

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

/** The look into a core on PostgreSQL (node-postgres, one connection). */
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
