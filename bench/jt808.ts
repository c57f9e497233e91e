/**
 * `npm run bench -- jt808 [--terminals 5000] [--steady 30] [--burst 20] [--vehicles 50] [--fixes 2000]`
 *
 * 1. MQTT path (the baseline): V vehicles → embedded aedes → telemetry pipeline → SQLite, each fix acknowledged once
 *    committed (as `bench telemetry`'s full run), V × N fixes.
 * 2. JT/T 808 path, like for like: V terminals → JT/T 808 server → the same pipeline → SQLite, V × N reports as
 *    0x0200, each answered with 0x8001 once committed. ratio = (2) / (1), same run, same machine.
 * 3. JT/T 808 at scale: T terminals connected (register + authenticate), memory per connection (JS heap and heap +
 *    external buffers after a full GC, before and after connecting), a steady phase of 1 report / 10 s each, then a
 *    burst of B reports from every terminal at once.
 * Terminals and publishers run in a child process; gridwatch's side runs here. File descriptors: T sockets on each
 * side; when the soft limit is too low and the hard limit allows, the bench re-runs itself under `ulimit -n`.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import { validateConfig } from '../kernel/config/load.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { Acl } from '../telemetry/acl.ts';
import { EmbeddedBroker } from '../telemetry/broker.ts';
import { Jt808Server } from '../telemetry/jt808/server.ts';
import { TelemetryService } from '../telemetry/service.ts';
import { Topics } from '../telemetry/topics.ts';
import { line } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const arg = (args: string[], name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const phoneOf = (i: number): string => `0139${String(i).padStart(8, '0')}`;

function context(n: number, jt808: boolean): AppContext {
  const vehicles = Array.from({ length: n }, (_, i) => ({
    id: `V-${i}`,
    type: 'sweeper',
    password: `bench-pass-${i}`,
  }));
  const config = validateConfig({
    dataDir: tempDir('gw-bench-jt-'),
    log: { level: 'silent' },
    mqtt: { mode: 'embedded', port: 0, connections: { maxPerAddress: 100_000 } },
    storage: { kind: 'embedded' },
    vehicles,
    ...(jt808
      ? {
          jt808: {
            port: 0,
            connections: { maxPerAddress: 100_000 },
            work: { source: 'io', bit: 0 },
            terminals: vehicles.map((v, i) => ({ phone: phoneOf(i), vehicle: v.id, authCode: `code-${i}` })),
          },
        }
      : {}),
  });
  const log = silentLogger();
  return {
    config,
    baseDir: here,
    dataDir: config.dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
    startedAt: Date.now(),
  };
}

/**
 * A child process speaking the ready / command / answer protocol of bench/jt808/terminals.ts and
 * bench/telemetry/publisher.ts.
 */
function child(
  file: string,
  job: unknown,
): { proc: ChildProcess; next: (type: string) => Promise<Record<string, number>> } {
  const proc = fork(path.join(here, file), [JSON.stringify(job)], { execArgv: ['--import', 'tsx'] });
  const queue: Record<string, number>[] = [];
  const waiters: ((m: Record<string, number>) => void)[] = [];
  proc.on('message', (m: Record<string, number> & { type: string; message?: string }) => {
    if (m.type === 'error') throw new Error(`${file}: ${m.message}`);
    const w = waiters.shift();
    if (w) w(m);
    else queue.push(m);
  });
  const next = (type: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const got = queue.shift();
      const check = (m: Record<string, number>) =>
        (m as unknown as { type: string }).type === type
          ? resolve(m)
          : reject(new Error(`${file}: ${JSON.stringify(m)}`));
      if (got) check(got);
      else waiters.push(check);
    });
  return { proc, next };
}

interface Rate {
  readonly rate: number;
  readonly cpuUs: number;
}

async function measure(
  svc: TelemetryService,
  go: () => Promise<unknown>,
): Promise<Rate & { n: number; seconds: number }> {
  const a0 = svc.counters.summary().accepted;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await go();
  await svc.idle();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const n = svc.counters.summary().accepted - a0;
  return { n, seconds, rate: n / seconds, cpuUs: (c.user + c.system) / Math.max(1, n) };
}

async function mqttPath(v: number, fixes: number): Promise<Rate> {
  const ctx = context(v, false);
  const vehicles = ctx.config.vehicles.map((x) => ({ id: x.id, password: x.password! }));
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    acl: new Acl(new Topics('gridwatch'), vehicles, []),
    log: ctx.log,
  });
  const svc = new TelemetryService(ctx, broker);
  await svc.start();
  await broker.start();
  const job = {
    url: `mqtt://127.0.0.1:${broker.port}`,
    vehicles,
    perVehicle: fixes,
    t0: Date.now() - fixes * 1000 - 60_000,
    window: 64,
  };
  const p = child('telemetry/publisher.ts', job);
  await p.next('ready');
  const r = await measure(svc, async () => {
    p.proc.send('go');
    await p.next('done');
  });
  if (r.n !== v * fixes) throw new Error(`MQTT path stored ${r.n} of ${v * fixes}`);
  await broker.stop();
  await svc.stop();
  return r;
}

async function startJt(n: number): Promise<{ svc: TelemetryService; server: Jt808Server }> {
  const ctx = context(n, true);
  const svc = new TelemetryService(ctx);
  await svc.start();
  const server = new Jt808Server(ctx, ctx.config.jt808!, svc);
  await server.start();
  return { svc, server };
}

const terminalsJob = (port: number, n: number) => ({
  port,
  phones: Array.from({ length: n }, (_, i) => phoneOf(i)),
  window: 64,
  t0: Date.now() - 3 * 3_600_000,
});

async function jtLikeForLike(v: number, fixes: number): Promise<Rate> {
  const { svc, server } = await startJt(v);
  const t = child('jt808/terminals.ts', terminalsJob(server.port, v));
  await t.next('ready');
  t.proc.send({ type: 'connect' });
  await t.next('connected');
  const r = await measure(svc, async () => {
    t.proc.send({ type: 'burst', per: fixes });
    await t.next('burst-done');
  });
  if (r.n !== v * fixes) throw new Error(`JT/T 808 path stored ${r.n} of ${v * fixes}`);
  t.proc.send({ type: 'stop' });
  await server.stop();
  await svc.stop();
  return r;
}

/** After a full GC: JS heap, heap + buffers outside it (sockets' and frames' Buffers), RSS. */
function liveMiB(): { heap: number; live: number; rss: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, live: (m.heapUsed + m.external) / 2 ** 20, rss: m.rss / 2 ** 20 };
}

async function jtAtScale(n: number, steadyS: number, burst: number) {
  const { svc, server } = await startJt(n);
  const t = child('jt808/terminals.ts', terminalsJob(server.port, n));
  await t.next('ready');
  const m0 = liveMiB();
  t.proc.send({ type: 'connect' });
  const connected = await t.next('connected');
  await svc.idle();
  const m1 = liveMiB();
  const open = server.health().stats?.authenticated;
  const steady = await measure(svc, async () => {
    t.proc.send({ type: 'steady', seconds: steadyS, periodMs: 10_000 });
    return t.next('steady-done');
  });
  const b = await measure(svc, async () => {
    t.proc.send({ type: 'burst', per: burst });
    await t.next('burst-done');
  });
  const m2 = liveMiB();
  t.proc.send({ type: 'stop' });
  await server.stop();
  await svc.stop();
  return { connectedS: connected.ms! / 1000, open, m0, m1, m2, steady, burst: b };
}

/** Soft limit of open files; re-run under `ulimit -n HARD` when it is below `need` (returns false then). */
function enoughFiles(need: number): boolean {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(limits);
  const soft = m?.[1] === 'unlimited' ? Infinity : Number(m?.[1] ?? 1024);
  const hard = m?.[2] === 'unlimited' ? 1_048_576 : Number(m?.[2] ?? 1024);
  if (soft >= need) return true;
  if (hard < need || process.env.GW_BENCH_ULIMIT)
    throw new Error(
      `need ${need} open files, the limit is ${soft} (hard ${hard}): run "ulimit -n ${need}" as root first`,
    );
  const argv = [...process.execArgv, ...process.argv.slice(1)].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('sh', ['-c', `ulimit -n ${hard} && exec '${process.execPath}' ${argv}`], {
    stdio: 'inherit',
    env: { ...process.env, GW_BENCH_ULIMIT: '1' },
  });
  process.exit(r.status ?? 1);
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const n = arg(args, 'terminals', 5000);
  const steadyS = arg(args, 'steady', 30);
  const burst = arg(args, 'burst', 20);
  const v = arg(args, 'vehicles', 50);
  const fixes = arg(args, 'fixes', 2000);
  enoughFiles(n + 1000);
  line('like for like', `${v} vehicles/terminals × ${fixes} fixes`);
  const mq = await mqttPath(v, fixes);
  line('MQTT → pipeline → SQLite', `${Math.round(mq.rate)} positions/s, ${mq.cpuUs.toFixed(1)} µs CPU/position`);
  const jt = await jtLikeForLike(v, fixes);
  line('JT/T 808 → pipeline → SQLite', `${Math.round(jt.rate)} positions/s, ${jt.cpuUs.toFixed(1)} µs CPU/position`);
  const ratio = jt.rate / mq.rate;
  line('ratio JT/T 808 / MQTT', ratio);
  const s = await jtAtScale(n, steadyS, burst);
  const perConnKiB = (x: number, y: number) => ((y - x) * 1024) / n;
  line(`${n} terminals connected + authenticated in`, s.connectedS.toFixed(1), 's');
  line('live heap per connection', perConnKiB(s.m0.heap, s.m1.heap).toFixed(1), 'KiB');
  line('heap + external per connection', perConnKiB(s.m0.live, s.m1.live).toFixed(1), 'KiB');
  line('RSS before / after connecting', `${s.m0.rss.toFixed(0)} / ${s.m1.rss.toFixed(0)}`, 'MiB');
  line(
    `steady, 1 report / 10 s each, ${steadyS} s`,
    `${Math.round(s.steady.rate)} positions/s, ${s.steady.cpuUs.toFixed(1)} µs CPU/position`,
  );
  line(
    `burst, ${burst} reports from each terminal`,
    `${Math.round(s.burst.rate)} positions/s, ${s.burst.cpuUs.toFixed(1)} µs CPU/position`,
  );
  line('live heap / RSS at the end', `${s.m2.heap.toFixed(0)} / ${s.m2.rss.toFixed(0)}`, 'MiB');
  return {
    vehicles: v,
    fixesPerVehicle: fixes,
    mqttPositionsPerS: Math.round(mq.rate),
    jt808PositionsPerS: Math.round(jt.rate),
    ratio: Number(ratio.toFixed(3)),
    mqttCpuUsPerPosition: Number(mq.cpuUs.toFixed(1)),
    jt808CpuUsPerPosition: Number(jt.cpuUs.toFixed(1)),
    terminals: n,
    authenticated: s.open,
    connectSeconds: Number(s.connectedS.toFixed(1)),
    heapKiBPerConnection: Number(perConnKiB(s.m0.heap, s.m1.heap).toFixed(1)),
    liveKiBPerConnection: Number(perConnKiB(s.m0.live, s.m1.live).toFixed(1)),
    rssMiBBeforeAfterConnecting: [Math.round(s.m0.rss), Math.round(s.m1.rss)],
    steadyPositions: s.steady.n,
    steadyPositionsPerS: Math.round(s.steady.rate),
    steadyCpuUsPerPosition: Number(s.steady.cpuUs.toFixed(1)),
    burstPositions: s.burst.n,
    burstPositionsPerS: Math.round(s.burst.rate),
    burstCpuUsPerPosition: Number(s.burst.cpuUs.toFixed(1)),
  };
}
