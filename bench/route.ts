/**
 * `npm run bench -- route [vehicles] [hours]`: a day of a sweeper fleet (default 500 vehicles, 1 fix / 5 s, 10 h)
 * map-matched and checked on the real Huntsville road network (../shared, read-only), split over 2 worker threads
 * (per vehicle in order, vehicles in parallel). Baseline in the same run: a bare nearest-segment lookup per fix.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sharedDir } from '../kernel/testing.ts';
import type { WorkerInput, WorkerResult } from '../telemetry/route/bench/worker.ts';
import { line, rssMiB, timed } from './report.ts';

/** Workers do not inherit tsx's loader: register it in the worker, then load the TypeScript worker module. */
const TSX_API = JSON.stringify(import.meta.resolve('tsx/esm/api'));
const WORKER = JSON.stringify(new URL('../telemetry/route/bench/worker.ts', import.meta.url).href);
const BOOT = `import(${TSX_API}).then((m) => { m.register(); return import(${WORKER}); });`;

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const vehicles = Number(args[0] ?? 500);
  const hours = Number(args[1] ?? 10);
  const threads = 2;
  const network = path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_network.geojson');
  if (!existsSync(network)) throw new Error(`road network not found: ${network} (the benchmark reads ../shared)`);
  const sim = { start: Date.parse('2026-03-02T11:00:00Z'), hours, intervalS: 5, routeM: 4000 };
  const per = Math.ceil(vehicles / threads);
  const run = timed(() =>
    Promise.all(
      Array.from({ length: threads }, (_, i) => {
        const input: WorkerInput = { network, first: i * per, count: Math.min(per, vehicles - i * per), sim };
        return new Promise<WorkerResult>((resolve, reject) => {
          const w = new Worker(BOOT, { eval: true, workerData: input });
          w.once('message', (r: WorkerResult) => resolve(r));
          w.once('error', reject);
        });
      }),
    ),
  );
  const { result: parts, wallMs } = await run;
  const fixes = parts.reduce((a, p) => a + p.fixes, 0);
  const checkWallMs = Math.max(...parts.map((p) => p.checkMs));
  const baselineWallMs = Math.max(...parts.map((p) => p.baselineMs));
  const fixesPerS = fixes / (checkWallMs / 1000);
  // process-wide CPU while the workers were checking (worker threads cannot read their own CPU time on Node 20)
  const cpuS = (Math.max(...parts.map((p) => p.cpuEndUs)) - Math.min(...parts.map((p) => p.cpuStartUs))) / 1e6;
  const baselinePerS = fixes / (baselineWallMs / 1000);
  const violations: Record<string, number> = {};
  for (const p of parts) for (const [k, n] of Object.entries(p.violations)) violations[k] = (violations[k] ?? 0) + n;
  const coverage = parts.reduce((a, p) => a + p.meanCoverage * p.vehicles, 0) / vehicles;
  line('vehicles × hours (1 fix / 5 s)', `${vehicles} × ${hours} h`);
  line('fixes checked', fixes);
  line('worker threads', threads);
  line('fleet simulation (untimed part)', Math.max(...parts.map((p) => p.simMs)) / 1000, 's');
  line('matching + checking (slowest worker)', checkWallMs / 1000, 's');
  line('matching + checking', Math.round(fixesPerS), 'fixes/s');
  line('process CPU time while checking (both threads)', cpuS, 's');
  line('  → wall time on 2 otherwise idle cores', cpuS / threads, 's');
  line('baseline: nearest segment only', Math.round(baselinePerS), 'fixes/s');
  line('ratio (full ÷ baseline)', fixesPerS / baselinePerS);
  line('mean window coverage', coverage);
  line('violations opened', JSON.stringify(violations));
  line('total wall time incl. network load + simulation', wallMs / 1000, 's');
  line('main thread RSS', rssMiB(), 'MiB');
  return {
    vehicles,
    hours,
    fixes,
    threads,
    checkSeconds: checkWallMs / 1000,
    checkCpuSeconds: cpuS,
    fixesPerS: Math.round(fixesPerS),
    baselineFixesPerS: Math.round(baselinePerS),
    ratio: fixesPerS / baselinePerS,
    meanCoverage: coverage,
    violations,
    wallSeconds: wallMs / 1000,
  };
}
