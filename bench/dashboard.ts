/**
 * Live-feed latency: a camera hit on the bus → the alert in N browsers' event streams (GET /api/events), against a
 * bare node:http SSE server writing the same alert JSON to the same N clients. Clients run in this process too.
 *   npm run bench -- dashboard [clients=50] [events=300] [intervalMs=5]
 */
import { startApp } from '../app.ts';
import { hitAlert } from '../dashboard/alert-rules.ts';
import { login, TEST_CASES_CONFIG, TEST_USERS } from '../dashboard/testing.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig } from '../kernel/testing.ts';
import type { Hit } from '../kernel/types/index.ts';
import { bareSse } from './dashboard/bare-sse.ts';
import { openSse, percentile, type SseClient } from './dashboard/sse-client.ts';
import { line } from './report.ts';

const hit = (i: number): Hit => ({
  id: `bench-${i}`,
  rule: 'vending',
  category: '05-04',
  cameraId: 'cam-1',
  zoneId: 'z1',
  start: Date.now(),
  lastSeen: Date.now(),
  repeat: 1,
  region: { x1: 0.1, y1: 0.2, x2: 0.5, y2: 0.9 },
  boxes: [{ label: 'person', score: 0.9, box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.9 } }],
  evidence: [
    { kind: 'annotated', path: `ab/${'a'.repeat(64)}.jpg`, sha256: 'a'.repeat(64), mime: 'image/jpeg', ts: Date.now() },
  ],
});

async function run(
  clients: number,
  events: number,
  intervalMs: number,
  open: (on: (data: string) => void) => Promise<SseClient>,
  emit: (i: number) => void,
): Promise<number[]> {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const streams = await Promise.all(
    Array.from({ length: clients }, () =>
      open((data) => {
        const id = /"id":"hit:(bench-\d+)"/.exec(data)?.[1];
        const t = id && sent.get(id);
        if (t) latencies.push(performance.now() - t);
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < events; i++) {
    sent.set(`bench-${i}`, performance.now());
    emit(i);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const deadline = Date.now() + 10_000;
  while (latencies.length < clients * events && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const s of streams) s.close();
  return latencies;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const [clients = 50, events = 300, intervalMs = 5] = args.map(Number);
  const app = await startApp({
    loaded: testConfig({ users: TEST_USERS, cases: { ...TEST_CASES_CONFIG, auto: false } }),
    log: silentLogger(),
  });
  const op = await login(app.url(), 'operator');
  const gw = await run(
    clients,
    events,
    intervalMs,
    (on) => openSse(`${app.url()}/api/events?topics=alert`, { Cookie: op.cookie }, (e, d) => e === 'alert' && on(d)),
    (i) => app.ctx.bus.emit('hit', { phase: 'start', hit: hit(i) }),
  );
  await app.stop();
  const bare = await bareSse();
  const base = await run(
    clients,
    events,
    intervalMs,
    (on) => openSse(bare.url, {}, (e, d) => e === 'alert' && on(d)),
    (i) => bare.send('alert', JSON.stringify({ alert: hitAlert({ phase: 'start', hit: hit(i) }), isNew: true })),
  );
  await bare.close();
  const fig = (xs: number[]) => ({
    delivered: xs.length,
    p50: percentile(xs, 50),
    p99: percentile(xs, 99),
    max: Math.max(...xs),
  });
  const g = fig(gw);
  const b = fig(base);
  line('clients × events', `${clients} × ${events} (one every ${intervalMs} ms)`);
  line('gridwatch delivered', g.delivered);
  line('gridwatch latency p50 / p99 / max', `${g.p50.toFixed(2)} / ${g.p99.toFixed(2)} / ${g.max.toFixed(2)}`, 'ms');
  line('bare SSE delivered', b.delivered);
  line('bare SSE latency p50 / p99 / max', `${b.p50.toFixed(2)} / ${b.p99.toFixed(2)} / ${b.max.toFixed(2)}`, 'ms');
  line('ratio p50 (gridwatch / bare)', g.p50 / b.p50);
  return { clients, events, intervalMs, gridwatch: g, bare: b, ratio: g.p50 / b.p50, ratioP99: g.p99 / b.p99 };
}
