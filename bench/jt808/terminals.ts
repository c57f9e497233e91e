/**
 * Terminal process for bench/jt808.ts: N simulated JT/T 808 terminals (telemetry/jt808/sim), one TCP connection each.
 * Commands over IPC: connect → steady (each terminal one report every `periodMs`, phases spread) → burst (each
 * terminal `per` reports at once, `window` in flight) → stop. Every phase answers once all its reports are
 * acknowledged.
 */
import { sampleLocation } from '../../telemetry/jt808/testing.ts';
import { SimTerminal } from '../../telemetry/jt808/sim/terminal.ts';

interface Job {
  readonly port: number;
  readonly phones: readonly string[];
  readonly window: number;
  readonly t0: number;
}

type Command =
  | { readonly type: 'connect' }
  | { readonly type: 'steady'; readonly seconds: number; readonly periodMs: number }
  | { readonly type: 'burst'; readonly per: number }
  | { readonly type: 'stop' };

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const send = (m: unknown): void => void process.send?.(m);
const terms: SimTerminal[] = [];
const next: number[] = [];

function report(i: number, n: number): void {
  const k = next[i]!;
  next[i] = k + n;
  terms[i]!.send(
    Array.from({ length: n }, (_, j) =>
      sampleLocation({
        ts: job.t0 + (k + j) * 1000,
        lat: (40_700_000 + ((k + j) % 5000) * 10) / 1e6,
        extras: { io: 1, satellites: 9 },
      }),
    ),
  );
}

const allIdle = () => Promise.all(terms.map((t) => t.idle()));
const delivered = () => terms.reduce((a, t) => a + t.stats.delivered, 0);

async function connect(): Promise<void> {
  const t = performance.now();
  for (let i = 0; i < job.phones.length; i += 250) {
    const batch = job.phones.slice(i, i + 250).map(
      (phone) =>
        new SimTerminal({
          host: '127.0.0.1',
          port: job.port,
          phone,
          edition: 2013,
          window: job.window,
          heartbeatMs: 60_000,
        }),
    );
    await Promise.all(batch.map((b) => b.start()));
    terms.push(...batch);
    for (const _ of batch) next.push(0);
  }
  send({ type: 'connected', ms: performance.now() - t });
}

async function steady(seconds: number, periodMs: number): Promise<void> {
  const before = delivered();
  const t = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let sent = 0;
  terms.forEach((_, i) => {
    const start = setTimeout(() => {
      report(i, 1);
      sent++;
      timers.push(
        setInterval(() => {
          report(i, 1);
          sent++;
        }, periodMs),
      );
    }, Math.random() * periodMs);
    timers.push(start);
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const x of timers) clearInterval(x);
  await allIdle();
  send({ type: 'steady-done', sent, delivered: delivered() - before, ms: performance.now() - t });
}

async function burst(per: number): Promise<void> {
  const before = delivered();
  const t = performance.now();
  for (let i = 0; i < terms.length; i++) report(i, per);
  await allIdle();
  send({ type: 'burst-done', sent: per * terms.length, delivered: delivered() - before, ms: performance.now() - t });
}

process.on('message', (m: Command) => {
  const run =
    m.type === 'connect'
      ? connect()
      : m.type === 'steady'
        ? steady(m.seconds, m.periodMs)
        : m.type === 'burst'
          ? burst(m.per)
          : stop();
  run.catch((err: unknown) => {
    send({ type: 'error', message: String(err) });
    process.exit(1);
  });
});

async function stop(): Promise<void> {
  await Promise.all(terms.map((t) => t.stop(false)));
  process.exit(0);
}

send({ type: 'ready' });
