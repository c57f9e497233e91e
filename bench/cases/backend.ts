/**
 * One backend's figures for `npm run bench -- cases`: hits → new automatic cases through the real cases module on
 * the main store, against the bare baseline on the same backend (chunks interleaved, so load from other processes
 * hits both alike); duplicates attached; one statement's round trip, ours and bare; KPIs over a bulk-filled store.
 */
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { openDatabase, openPostgres, openRawSqlite, type Db } from '../../kernel/db.ts';
import { silentLogger } from '../../kernel/log.ts';
import { MainStore } from '../../kernel/store.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { TestPostgres } from '../../kernel/testing/pg.ts';
import { fixtureConfig, hit } from '../../cases/fixture.ts';
import { computeKpis } from '../../cases/kpi.ts';
import { loadKpiCases } from '../../cases/kpi-load.ts';
import { casesMigrations } from '../../cases/migrations.ts';
import { CasesModule } from '../../cases/module.ts';
import { timed } from '../report.ts';
import { barePg, bareSqlite, type Bare } from './bare.ts';
import { fillCases, T0, where } from './rows.ts';

export interface BackendFigures {
  readonly casesPerSec: number;
  readonly baselinePerSec: number;
  /** Ours ÷ bare, new automatic cases per second. */
  readonly ratio: number;
  readonly attachPerSec: number;
  readonly roundTripUs: number;
  readonly bareRoundTripUs: number;
  readonly kpiCases: number;
  readonly kpiFillMs: number;
  /** Load + compute of the KPIs over `kpiCases` cases. */
  readonly kpiMs: number;
  readonly casesInStore: number;
}

export type Backend = { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly server: TestPostgres };

const KPI_SPAN = 30 * 86_400_000;
const PINGS = 5000;

/** A fresh migrated database of the backend for the KPI fill. */
function freshDb(b: Backend): Db {
  return b.kind === 'postgres'
    ? openPostgres(b.server.createDatabase(), casesMigrations)
    : openDatabase(`${tempDir('gw-bench-kpi-')}/kpi.db`, casesMigrations);
}

async function bareOf(b: Backend): Promise<Bare> {
  if (b.kind === 'sqlite') return bareSqlite(openRawSqlite(`${tempDir('gw-bench-')}/base.db`, casesMigrations));
  const url = b.server.createDatabase();
  openPostgres(url, casesMigrations).close();
  return barePg(url);
}

export async function measureBackend(b: Backend, count: number, kpiCases: number): Promise<BackendFigures> {
  const dataDir = tempDir('gw-bench-');
  const clock = new ManualClock(T0);
  const config = fixtureConfig(dataDir, { users: [] });
  const log = silentLogger();
  const bus = new EventBus(log);
  const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock, startedAt: T0 };
  const url = b.kind === 'postgres' ? b.server.createDatabase() : undefined;
  const store = MainStore.inDataDir(dataDir, casesMigrations, url);
  await store.start();
  const mod = new CasesModule(ctx, store);
  await mod.start();

  const base = await bareOf(b);
  let baseMs = 0;
  let ourMs = 0;
  const chunk = 100;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk);
    baseMs += await base.run(from, to);
    const t = await timed(() => {
      for (let i = from; i < to; i++) {
        clock.set(T0 + i * 1000);
        bus.emit('hit', { phase: 'start', hit: hit(`b-${i}`, { zoneId: `z-${i}`, location: where(i) }) });
      }
    });
    ourMs += t.wallMs;
  }
  const attached = await timed(() => {
    for (let i = 0; i < count; i++)
      bus.emit('hit', { phase: 'start', hit: hit(`d-${i}`, { zoneId: `z-${i}`, location: where(i) }) });
  });
  const ping = store.db.prepare('SELECT 1').pluck();
  const t0 = performance.now();
  for (let i = 0; i < PINGS; i++) ping.get();
  const roundTripUs = ((performance.now() - t0) * 1000) / PINGS;
  const bareRoundTripUs = await base.roundTripUs(PINGS);
  await base.close();
  const casesInStore = Number(store.db.prepare('SELECT count(*) FROM cases').pluck().get());

  const kpiDb = freshDb(b);
  const fill = await timed(() => fillCases(kpiDb, kpiCases, KPI_SPAN));
  const kpi = await timed(() =>
    computeKpis(loadKpiCases(kpiDb, T0, T0 + KPI_SPAN), { from: T0, to: T0 + KPI_SPAN, now: T0 + KPI_SPAN }, (a, z) =>
      mod.service.catalog.workingHoursBetween(a, z),
    ),
  );
  if (kpi.result.total.registered !== kpiCases)
    throw new Error(`KPIs counted ${kpi.result.total.registered} registered cases, not ${kpiCases}`);
  kpiDb.close();
  await mod.stop();
  await store.stop();
  const perSec = (ms: number): number => Math.round((count / ms) * 1000);
  return {
    casesPerSec: perSec(ourMs),
    baselinePerSec: perSec(baseMs),
    ratio: Number((baseMs / ourMs).toFixed(3)),
    attachPerSec: perSec(attached.wallMs),
    roundTripUs: Number(roundTripUs.toFixed(2)),
    bareRoundTripUs: Number(bareRoundTripUs.toFixed(2)),
    kpiCases,
    kpiFillMs: Math.round(fill.wallMs),
    kpiMs: Math.round(kpi.wallMs),
    casesInStore,
  };
}
