/**
 * `npm run bench -- telemetry [--vehicles V] [--fixes N] [--rounds R]`
 *
 * Baseline ("raw"): vehicles → embedded aedes → a bare mqtt.js subscriber that only counts messages.
 * Full: vehicles → embedded aedes → the telemetry pipeline (decode, validate, order, jumps, enrich) → SQLite store,
 * each fix acknowledged to its vehicle only once committed. Same broker, same publisher process, same run.
 * The publishers run in a child process (one MQTT connection per vehicle, QoS 1); gridwatch's side runs here.
 * Memory is sampled throughout: every buffer is bounded, so RSS must stay flat however many fixes go through.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mqtt from 'mqtt';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import { validateConfig } from '../kernel/config/load.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { Acl } from '../telemetry/acl.ts';
import { EmbeddedBroker } from '../telemetry/broker.ts';
import { TelemetryService } from '../telemetry/service.ts';
import { Topics } from '../telemetry/topics.ts';
import { line } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

interface Sample {
  readonly rssMiB: number;
  readonly heapMiB: number;
  readonly done: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** RSS every 50 ms, and the live heap after a full GC at 20 %, 50 % and 90 % of the run (flat = bounded). */
class MemorySampler {
  samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  liveHeapMiB: number[] = [];
  start(progress: () => number, total: number): void {
    this.samples = [];
    this.liveHeapMiB = [];
    const marks = [0.2, 0.5, 0.9];
    this.timer = setInterval(() => {
      const m = process.memoryUsage();
      const done = progress();
      this.samples.push({ rssMiB: m.rss / 2 ** 20, heapMiB: m.heapUsed / 2 ** 20, done });
      if (marks.length && done >= marks[0]! * total) {
        marks.shift();
        gc();
        this.liveHeapMiB.push(process.memoryUsage().heapUsed / 2 ** 20);
      }
    }, 50);
  }
  stop(): { peakRssMiB: number; rssAtQuarter: number; rssAtEnd: number; liveHeapMiB: number[] } {
    clearInterval(this.timer);
    const s = this.samples;
    const at = (f: number) => s[Math.min(s.length - 1, Math.floor(s.length * f))]?.rssMiB ?? 0;
    return {
      peakRssMiB: Math.max(0, ...s.map((x) => x.rssMiB)),
      rssAtQuarter: at(0.25),
      rssAtEnd: at(0.99),
      liveHeapMiB: [...this.liveHeapMiB],
    };
  }
}

async function publish(
  url: string,
  vehicles: { id: string; password: string }[],
  perVehicle: number,
  onGo: () => void,
): Promise<void> {
  const job = { url, vehicles, perVehicle, t0: Date.now() - perVehicle * 1000 - 60_000, window: 200 };
  const child = fork(path.join(here, 'telemetry', 'publisher.ts'), [JSON.stringify(job)], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready') {
        onGo();
        child.send('go');
      } else if (m.type === 'done') resolve();
      else if (m.type === 'error') reject(new Error(m.message));
    });
    child.once('exit', (code) => (code ? reject(new Error(`publisher exited ${code}`)) : resolve()));
  });
}

function context(vehicles: { id: string; password: string }[]): AppContext {
  const config = validateConfig({
    dataDir: tempDir('gw-bench-'),
    log: { level: 'silent' },
    mqtt: { mode: 'embedded', port: 0 },
    storage: { kind: 'embedded' },
    vehicles: vehicles.map((v) => ({ ...v, type: 'sweeper' })),
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

async function rawRun(
  ctx: AppContext,
  vehicles: { id: string; password: string }[],
  perVehicle: number,
): Promise<{ rate: number; cpuUs: number }> {
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    acl: new Acl(new Topics('gridwatch'), vehicles, []),
    log: ctx.log,
  });
  await broker.start();
  const sub = await mqtt.connectAsync(
    `mqtt://127.0.0.1:${broker.port}`,
    { protocolVersion: 4, ...broker.internalCredential, clientId: 'bench-raw' },
    false,
  );
  await sub.subscribeAsync('gridwatch/vehicles/+/position', { qos: 1 });
  const total = vehicles.length * perVehicle;
  let n = 0;
  let t0 = 0;
  let t1 = 0;
  let c0 = process.cpuUsage();
  let cpu = c0;
  const all = new Promise<void>((resolve) =>
    sub.on('message', () => {
      if (++n === total) {
        t1 = performance.now();
        cpu = process.cpuUsage(c0);
        resolve();
      }
    }),
  );
  await publish(`mqtt://127.0.0.1:${broker.port}`, vehicles, perVehicle, () => {
    t0 = performance.now();
    c0 = process.cpuUsage();
  });
  await all;
  await sub.endAsync();
  await broker.stop();
  return { rate: total / ((t1 - t0) / 1000), cpuUs: (cpu.user + cpu.system) / total };
}

async function fullRun(
  ctx: AppContext,
  vehicles: { id: string; password: string }[],
  perVehicle: number,
  mem: MemorySampler,
) {
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    acl: new Acl(new Topics('gridwatch'), vehicles, []),
    log: ctx.log,
  });
  const svc = new TelemetryService(ctx, broker);
  await svc.start();
  await broker.start();
  const total = vehicles.length * perVehicle;
  let t0 = 0;
  let c0 = process.cpuUsage();
  mem.start(() => svc.counters.summary().accepted, total);
  await publish(`mqtt://127.0.0.1:${broker.port}`, vehicles, perVehicle, () => {
    t0 = performance.now();
    c0 = process.cpuUsage();
  });
  await svc.idle(); // every fix acknowledged = committed; idle waits for the last write
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const memory = mem.stop();
  const s = svc.counters.summary();
  if (s.accepted !== total) throw new Error(`full run stored ${s.accepted} of ${total} (rejected ${s.rejected})`);
  await broker.stop();
  await svc.stop();
  return { rate: total / ((t1 - t0) / 1000), cpuUs: (cpu.user + cpu.system) / total, memory };
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const nVehicles = arg(args, 'vehicles', 50);
  const perVehicle = arg(args, 'fixes', 2000);
  const rounds = arg(args, 'rounds', 2);
  const vehicles = Array.from({ length: nVehicles }, (_, i) => ({ id: `V-${i}`, password: `bench-pass-${i}` }));
  const total = nVehicles * perVehicle;
  line('vehicles × fixes per round', `${nVehicles} × ${perVehicle} = ${total}`);
  const raw: number[] = [];
  const full: number[] = [];
  const rawCpu: number[] = [];
  const fullCpu: number[] = [];
  const mem = new MemorySampler();
  let memory = { peakRssMiB: 0, rssAtQuarter: 0, rssAtEnd: 0, liveHeapMiB: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const rr = await rawRun(context(vehicles), vehicles, perVehicle);
    raw.push(rr.rate);
    rawCpu.push(rr.cpuUs);
    line(`round ${r + 1}: raw broker → client`, `${Math.round(rr.rate)} msg/s, ${rr.cpuUs.toFixed(1)} µs CPU/msg`);
    const f = await fullRun(context(vehicles), vehicles, perVehicle, mem);
    full.push(f.rate);
    fullCpu.push(f.cpuUs);
    memory = { ...f.memory, peakRssMiB: Math.max(memory.peakRssMiB, f.memory.peakRssMiB) };
    line(
      `round ${r + 1}: full pipeline → SQLite`,
      `${Math.round(f.rate)} positions/s, ${f.cpuUs.toFixed(1)} µs CPU/position`,
    );
    line(
      `round ${r + 1}: RSS at 25 % / end of full run`,
      `${f.memory.rssAtQuarter.toFixed(0)} / ${f.memory.rssAtEnd.toFixed(0)}`,
      'MiB',
    );
    line(
      `round ${r + 1}: live heap after GC at 20/50/90 %`,
      f.memory.liveHeapMiB.map((x) => x.toFixed(1)).join(' / '),
      'MiB',
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = mean(full) / mean(raw);
  line('raw broker → client (mean)', Math.round(mean(raw)), 'msg/s');
  line('full pipeline (mean)', Math.round(mean(full)), 'positions/s');
  line('ratio full / raw', ratio);
  line(
    'gridwatch process CPU per message raw / full',
    `${mean(rawCpu).toFixed(1)} / ${mean(fullCpu).toFixed(1)}`,
    'µs',
  );
  line('peak RSS (full runs)', memory.peakRssMiB.toFixed(0), 'MiB');
  return {
    vehicles: nVehicles,
    fixesPerVehicle: perVehicle,
    rawMsgPerS: Math.round(mean(raw)),
    positionsPerS: Math.round(mean(full)),
    ratio: Number(ratio.toFixed(3)),
    rawCpuUsPerMsg: Number(mean(rawCpu).toFixed(1)),
    fullCpuUsPerPosition: Number(mean(fullCpu).toFixed(1)),
    peakRssMiB: Math.round(memory.peakRssMiB),
    rssAtQuarterMiB: Math.round(memory.rssAtQuarter),
    rssAtEndMiB: Math.round(memory.rssAtEnd),
    liveHeapMiBAt20_50_90: memory.liveHeapMiB.map((x) => Number(x.toFixed(1))),
  };
}
