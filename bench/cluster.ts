/**
 * Hits from a video node to cases on the core, through a real mosquitto (QoS 1, persistent sessions, the core's
 * exactly-once ledger), against the bare baseline of the same hits on the core's in-process bus (a single gridwatch).
 * Both open one new automatic case per hit (distinct places). Figures: hits/s end to end (a burst of COUNT), and
 * p50/p99 hit → case latency (publish on the video node's bus → the case written on the core) at 100 hits/s.
 * Both runs write to the same core store: SQLite (default) or, with `--db postgres`, a real PostgreSQL. The video
 * node keeps every finding in its durable outbox (a file written with fsync per hit) as a real node does;
 * `--no-outbox` measures the bridge without it.
 *   npm run bench -- cluster [COUNT] [--db sqlite|postgres] [--no-outbox]
 */
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { MainStore } from '../kernel/store.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { fixtureConfig, hit } from '../cases/fixture.ts';
import { casesMigrations } from '../cases/migrations.ts';
import { CasesModule } from '../cases/module.ts';
import { ClusterConsumer } from '../cluster/consumer.ts';
import { LagWindow } from '../cluster/lag.ts';
import { ClusterTopics } from '../cluster/messages.ts';
import { clusterBridgeMigrations } from '../cluster/migrations.ts';
import { FindingsOutbox } from '../cluster/outbox.ts';
import { ClusterPublisher } from '../cluster/publisher.ts';
import { hasMosquitto, Mosquitto } from '../telemetry/testing/mosquitto.ts';
import { startTestPostgres } from '../kernel/testing/pg.ts';
import { line } from './report.ts';

const where = (i: number, lat0: number): { lat: number; lon: number } => ({
  lat: lat0 + (Math.floor(i / 50) % 50) * 0.00036,
  lon: 118.0 + (i % 50) * 0.00044,
});

interface Run {
  readonly perSec: number;
  readonly p50: number;
  readonly p99: number;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  if (!hasMosquitto) throw new Error('the cluster benchmark needs mosquitto (/usr/sbin/mosquitto)');
  const count = Number(args[0] !== undefined && !args[0].startsWith('--') ? args[0] : 2000);
  const i = args.indexOf('--db');
  const backend = i >= 0 ? args[i + 1] : 'sqlite';
  if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`--db: sqlite or postgres, not "${backend}"`);
  const durable = !args.includes('--no-outbox');
  const pg = backend === 'postgres' ? await startTestPostgres() : undefined;
  const log = silentLogger();
  const mosq = await Mosquitto.start();
  const dataDir = tempDir('gw-bench-');
  const config = fixtureConfig(dataDir, { users: [] });
  const bus = new EventBus(log);
  const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock: systemClock, startedAt: Date.now() };
  const url = pg?.createDatabase();
  const store = MainStore.inDataDir(dataDir, [...casesMigrations, ...clusterBridgeMigrations], url, log);
  await store.start();
  const cases = new CasesModule(ctx, store);
  await cases.start();
  // after the cases module's own subscription: called once the hit's case is written
  const sent = new Map<string, number>();
  const done = new Map<string, number>();
  bus.on('hit', (e) => void done.set(e.hit.id, performance.now()));
  const measure = (ids: readonly string[]): Run => {
    const lag = new LagWindow(ids.length);
    for (const id of ids) lag.add(done.get(id)! - sent.get(id)!);
    const first = Math.min(...ids.map((id) => sent.get(id)!));
    const last = Math.max(...ids.map((id) => done.get(id)!));
    return { perSec: (ids.length / (last - first)) * 1000, p50: lag.quantile(0.5), p99: lag.quantile(0.99) };
  };

  // bare: the hits on the core's own bus, as in one process
  const bareIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const h = hit(`bare-${i}`, { zoneId: `zb-${i}`, location: where(i, 34.0), evidence: [] });
    bareIds.push(h.id);
    sent.set(h.id, performance.now());
    bus.emit('hit', { phase: 'start', hit: h });
  }
  const bare = measure(bareIds);

  // cluster: a video node's bus → mosquitto → the core's consumer → the same bus and cases
  const topics = new ClusterTopics('bench');
  const broker = (clientId: string) => ({ url: mosq.url, clientId, sessionExpirySeconds: 600 });
  const consumer = new ClusterConsumer({ ...broker('core'), topics, db: () => store.db, bus, log, clock: systemClock });
  await consumer.start();
  await waitFor(() => consumer.health().stats?.subscribed === true);
  const videoBus = new EventBus(log);
  const publisher = new ClusterPublisher({
    ...broker('video-1'),
    nodeId: 'video-1',
    role: 'video',
    version: 'bench',
    startedAt: 0,
    topics,
    bus: videoBus,
    log,
    cameras: { held: () => ['cam-1'], generationOf: () => 1 },
    ...(durable ? { outbox: new FindingsOutbox({ dir: `${dataDir}/spool/findings`, max: 1_000_000, log }) } : {}),
  });
  await publisher.start();
  await waitFor(() => publisher.health().state === 'ok');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const h = hit(`cl-${i}`, { zoneId: `zc-${i}`, location: where(i, 34.5), evidence: [] });
    ids.push(h.id);
    sent.set(h.id, performance.now());
    videoBus.emit('hit', { phase: 'start', hit: h });
  }
  await waitFor(() => ids.every((id) => done.has(id)), 60_000, 20).catch((err: unknown) => {
    const got = ids.filter((id) => done.has(id)).length;
    throw new Error(
      `${got} of ${count} arrived; bridge ${JSON.stringify(consumer.health())}; ${publisher.health().detail}`,
      { cause: err },
    );
  });
  const cluster = measure(ids);
  // paced: 100 hits/s, the latency of one hit when the bridge is not busy with a burst
  const paced: string[] = [];
  for (let i = 0; i < Math.min(count, 500); i++) {
    const h = hit(`pace-${i}`, { zoneId: `zp-${i}`, location: where(i, 35.0), evidence: [] });
    paced.push(h.id);
    sent.set(h.id, performance.now());
    videoBus.emit('hit', { phase: 'start', hit: h });
    await new Promise((r) => setTimeout(r, 10));
  }
  await waitFor(() => paced.every((id) => done.has(id)), 60_000, 20);
  const steady = measure(paced);
  const casesMade = store.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  await publisher.stop();
  await consumer.stop();
  await cases.stop();
  await store.stop();
  await mosq.stop('SIGKILL');
  await pg?.stop();

  line('cluster: video node → broker → core cases', cluster.perSec, 'hits/s');
  line(
    `cluster: latency p50 / p99, a burst of ${count}`,
    `${cluster.p50.toFixed(1)} / ${cluster.p99.toFixed(1)}`,
    'ms',
  );
  line('cluster: hit → case latency p50 at 100 hits/s', steady.p50, 'ms');
  line('cluster: hit → case latency p99 at 100 hits/s', steady.p99, 'ms');
  line('bare: the same hits on the in-process bus', bare.perSec, 'hits/s');
  line('bare: hit → case latency p99', bare.p99, 'ms');
  line('cases written (both runs)', casesMade);
  return {
    count,
    db: backend,
    outbox: durable,
    hitsPerSec: Math.round(cluster.perSec),
    p50Ms: Number(steady.p50.toFixed(1)),
    p99Ms: Number(steady.p99.toFixed(1)),
    burstP99Ms: Number(cluster.p99.toFixed(1)),
    barePerSec: Math.round(bare.perSec),
    bareP99Ms: Number(bare.p99.toFixed(2)),
    duplicates: consumer.counts.duplicates,
    outboxLeft: publisher.health().stats?.outbox,
    ratio: Number((cluster.perSec / bare.perSec).toFixed(3)),
  };
}
