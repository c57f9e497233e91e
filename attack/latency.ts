/**
 * /api/health latency while a load runs: sequential GETs on their own keep-alive connection from a worker thread
 * (so the attacker's own event loop, busy pumping a load, does not add to what is measured); p50/p99/max.
 */
import { Worker } from 'node:worker_threads';

export interface LatencyStats {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Requests that failed or answered other than 200. */
  readonly failed: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function stats(samples: readonly number[], failed: number): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(percentile(s, 50)), p99: r(percentile(s, 99)), max: r(s.at(-1) ?? Number.NaN), failed };
}

/** The sampler (plain JS: runs in a worker thread without the TypeScript loader). */
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, get } = require('node:http');
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const samples = []; let failed = 0; let stop = false;
parentPort.on('message', () => { stop = true; });
const once = () => new Promise((resolve) => {
  const t0 = performance.now();
  const req = get(workerData.url, { agent, timeout: 10000 }, (res) => {
    res.resume();
    res.on('end', () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 }));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
});
(async () => {
  await once(); // warm-up: the connection's setup is not the server's latency
  parentPort.postMessage({ ready: true });
  while (!stop) {
    const r = await once();
    if (r.ok) samples.push(r.ms); else failed++;
    await new Promise((res) => setTimeout(res, workerData.intervalMs));
  }
  agent.destroy();
  parentPort.postMessage({ samples, failed });
})();
`;

/** Sample /api/health every `intervalMs` while `load()` runs (only then: make the load last long enough). */
export async function sampleHealth<T>(
  base: string,
  load: () => Promise<T>,
  intervalMs = 10,
): Promise<{ result: T; latency: LatencyStats }> {
  const url = new URL('/api/health', base).toString();
  const worker = new Worker(SAMPLER, { eval: true, workerData: { url, intervalMs } });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  await ready;
  const report = new Promise<{ samples: number[]; failed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    const result = await load();
    worker.postMessage('stop');
    const { samples, failed } = await report;
    return { result, latency: stats(samples, failed) };
  } finally {
    await worker.terminate();
  }
}
