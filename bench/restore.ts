/**
 * `npm run bench -- restore [vehicles] [hours]`: what a restart costs the route service. A simulated sweeper fleet
 * (default 100 vehicles, 1 fix / 5 s, 10 h, on the real Huntsville network from ../shared, as `bench -- route`) is
 * written to a real embedded position store; then each vehicle's route state is rebuilt as after a restart
 * (telemetry/route/restore.ts: the day's stored fixes read page by page and replayed). Baseline in the same run: the
 * same reads without the replay. Reports the replay rate, the time until the whole fleet is caught up, and the longest
 * single vehicle (the longest the event loop is held: ingest and HTTP run between vehicles).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { planSchema } from '../kernel/config/vehicles.ts';
import { sharedDir, tempDir } from '../kernel/testing.ts';
import type { Position } from '../kernel/types/index.ts';
import { simulateVehicle } from '../telemetry/route/bench/fleet.ts';
import { loadRoadNetwork } from '../telemetry/route/load-roads.ts';
import { PathFinder } from '../telemetry/route/paths.ts';
import { resolvePlan } from '../telemetry/route/plan.ts';
import { replayVehicle } from '../telemetry/route/restore.ts';
import { VehicleRoute } from '../telemetry/route/vehicle-route.ts';
import { SqliteStore } from '../telemetry/store/sqlite.ts';
import { line, timed } from './report.ts';

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const vehicles = Number(args[0] ?? 100);
  const hours = Number(args[1] ?? 10);
  const network = path.join(sharedDir, 'geo/roads/kubicka_00000008_huntsville_al_us_network.geojson');
  if (!existsSync(network)) throw new Error(`road network not found: ${network} (the benchmark reads ../shared)`);
  const start = Date.parse('2026-03-02T11:00:00Z'); // 05:00 in Huntsville
  const now = start + hours * 3_600_000;
  const net = loadRoadNetwork(network);
  const finder = new PathFinder(net);
  const fleet = Array.from({ length: vehicles }, (_, i) =>
    simulateVehicle(net, `V${i}`, 1000 + i, { start, hours, intervalS: 5, routeM: 4000 }),
  );
  const store = new SqliteStore({
    file: path.join(tempDir('gw-bench-restore-'), 'positions.db'),
    batchSize: 5000,
    retentionDays: 3650,
    now: () => now,
  });
  await store.open();
  let fixes = 0;
  for (const v of fleet) {
    const batch: Position[] = [];
    for (let k = 0; k < v.ts.length; k++)
      batch.push({
        vehicleId: v.id,
        ts: v.ts[k]!,
        lat: v.lat[k]!,
        lon: v.lon[k]!,
        work: { active: true },
        receivedAt: v.ts[k]!,
        late: false,
      });
    await store.write(batch);
    fixes += batch.length;
  }
  await store.flush();
  const routes = fleet.map((v) => {
    const roadIds = [...new Set(v.route.map((s) => net.segIds[s]!.replace(/:\d+$/, '')))];
    const plan = resolvePlan(
      planSchema.parse({
        id: `plan-${v.id}`,
        roadIds,
        timezone: 'America/Chicago',
        windows: [{ start: '05:00', end: '15:00' }],
      }),
      net,
      [],
    );
    return new VehicleRoute({ id: v.id, type: 'sweeper' }, { net, finder, plan });
  });

  const read = await timed(async () => {
    let n = 0;
    for (const v of fleet) {
      for (let t = start; ; ) {
        const page = await store.track(v.id, t, now, 10_000);
        n += page.length;
        if (page.length < 10_000) break;
        t = page.at(-1)!.ts + 1;
      }
    }
    return n;
  });
  let longestMs = 0;
  const replay = await timed(async () => {
    let n = 0;
    for (const r of routes) {
      const t0 = performance.now();
      n += (await replayVehicle(r, store, undefined, now, undefined)).fixes;
      longestMs = Math.max(longestMs, performance.now() - t0);
    }
    return n;
  });
  await store.close();
  if (read.result !== fixes || replay.result !== fixes)
    throw new Error(`read ${read.result} and replayed ${replay.result} of ${fixes} fixes`);
  const coverage = routes.map((r) => r.reports()[0]?.workingM ?? 0).filter((m) => m > 0).length;
  const replayPerS = fixes / (replay.wallMs / 1000);
  const readPerS = fixes / (read.wallMs / 1000);
  line('vehicles × hours (1 fix / 5 s)', `${vehicles} × ${hours} h`);
  line('stored fixes', fixes);
  line('baseline: read back from the store', Math.round(readPerS), 'fixes/s');
  line('restore: read + replay (one thread)', Math.round(replayPerS), 'fixes/s');
  line('  CPU time', replay.cpuMs / 1000, 's');
  line('  whole fleet caught up after', replay.wallMs / 1000, 's');
  line('  longest single vehicle (event loop held)', longestMs, 'ms');
  line('  → 500 vehicles would take', (500 / vehicles) * (replay.wallMs / 1000), 's');
  line('vehicles with working distance after replay', coverage);
  line('ratio (restore ÷ baseline rate)', replayPerS / readPerS);
  return {
    vehicles,
    hours,
    fixes,
    readPerS,
    replayPerS,
    replayS: replay.wallMs / 1000,
    replayCpuS: replay.cpuMs / 1000,
    longestVehicleMs: longestMs,
    ratio: replayPerS / readPerS,
  };
}
