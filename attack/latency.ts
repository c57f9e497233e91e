/** /api/health latency while a load runs: sequential GETs on their own keep-alive connection, p50/p99/max. */
import { Agent, get } from 'node:http';

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

function once(url: string, agent: Agent): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = get(url, { agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
  });
}

/** Sample /api/health every `intervalMs` while `load()` runs (at least `minSamples`). */
export async function sampleHealth<T>(
  base: string,
  load: () => Promise<T>,
  intervalMs = 20,
  minSamples = 20,
): Promise<{ result: T; latency: LatencyStats }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/api/health', base).toString();
  const samples: number[] = [];
  let failed = 0;
  let done = false;
  const sampler = (async () => {
    while (!done || samples.length + failed < minSamples) {
      const r = await once(url, agent);
      if (r.ok) samples.push(r.ms);
      else failed++;
      await new Promise((res) => setTimeout(res, intervalMs));
    }
  })();
  try {
    const result = await load();
    done = true;
    await sampler;
    return { result, latency: stats(samples, failed) };
  } finally {
    done = true;
    await sampler;
    agent.destroy();
  }
}
