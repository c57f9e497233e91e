/**
 * End to end: `gridwatch jt808-sim` replays the real Jersey City trucks (../shared/geo/traces, see SOURCES.md) as three
 * JT/T 808 terminals (2013, 2019, batched 0x0704) into a real gridwatch (startApp); the same fixes go over MQTT into
 * a second gridwatch. The positions show in /api/vehicles, and the route checks report the same day on both paths.
 * An unregistered terminal is refused and nothing of it is stored.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../app.ts';
import { login, TEST_CASES_CONFIG, TEST_USERS } from '../dashboard/testing.ts';
import { jerseyConfigFile } from '../demo/index.ts';
import { loadConfigFile } from '../kernel/config/load.ts';
import { silentLogger } from '../kernel/log.ts';
import { runCli, sharedDir, testConfig } from '../kernel/testing.ts';
import { terminalFixes } from '../telemetry/jt808/sim/plan.ts';
import type { Jt808Server } from '../telemetry/jt808/server.ts';
import { planReplay, type ReplayFix } from '../telemetry/replay/plan.ts';
import { publishReplay } from '../telemetry/replay/publisher.ts';
import { RouteService } from '../telemetry/route/service.ts';
import { TelemetryService } from '../telemetry/service.ts';
import { readTrace } from '../telemetry/trace/index.ts';

const TRACE = path.join(sharedDir, 'geo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
const HAVE = existsSync(TRACE);
if (!HAVE) console.warn(`jt808-sim end-to-end test skipped: ${TRACE} is absent (see ../shared/geo/traces/SOURCES.md)`);

const DAY = 86_400_000;
const WORK = { source: 'io', bit: 0, activeWhen: 1 } as const;
const TERMINALS = [
  { phone: '013900000004', vehicle: 'S-4', args: [] },
  { phone: '00000000013900000012', vehicle: 'S-12', args: ['--version', '2019'] },
  { phone: '013900000001', vehicle: 'P-1', args: ['--batch', '5'] },
] as const;

/** The demo fleet and plans; plan windows in fixed UTC−5 (the trace's EST) so a whole-day shift keeps local times. */
function fleetConfig(jt808: boolean) {
  const demo = loadConfigFile(jerseyConfigFile).config;
  return testConfig(
    {
      users: TEST_USERS,
      cases: TEST_CASES_CONFIG,
      vehicles: demo.vehicles,
      plans: demo.plans.map((p) => ({ ...p, timezone: 'Etc/GMT+5' })),
      ...(jt808
        ? { jt808: { port: 0, work: WORK, terminals: TERMINALS.map(({ phone, vehicle }) => ({ phone, vehicle })) } }
        : {}),
    },
    path.dirname(jerseyConfigFile),
  );
}

const services = (app: App) => ({
  telemetry: app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!,
  route: app.components.find((c): c is RouteService => c instanceof RouteService)!,
  jt808: app.components.find((c) => c.name === 'jt808') as Jt808Server,
});

describe.skipIf(!HAVE)('jt808-sim: the real Jersey City trucks as JT/T 808 terminals', () => {
  const apps: App[] = [];
  afterAll(async () => {
    for (const a of apps) await a.stop();
  });

  it('stores their positions, shows them on the map and judges their routes as over MQTT', async () => {
    const trace = readTrace(TRACE, { tz: 'America/New_York' });
    const last = trace[trace.length - 1]!.ts;
    const endAt = last + Math.floor((Date.now() - 60_000 - last) / DAY) * DAY; // a whole number of days later
    const plans = TERMINALS.map((t) =>
      terminalFixes(planReplay(trace, TRACE, { vehicle: t.vehicle, speedup: 1e5, endAt }), { bit: WORK, on: true }),
    );
    const day = new Date(plans[0]![0]!.location.ts - 5 * 3_600_000).toISOString().slice(0, 10);

    // over JT/T 808: three terminals, each its own `gridwatch jt808-sim` process
    const viaJt = await startApp({ loaded: fleetConfig(true), log: silentLogger() });
    apps.push(viaJt);
    const jt = services(viaJt);
    const port = String(jt.jt808.port);
    const common = [
      '--trace',
      TRACE,
      '--tz',
      'America/New_York',
      '--speedup',
      '100000',
      '--end-at',
      new Date(endAt).toISOString(),
    ];
    const runs = await Promise.all(
      TERMINALS.map((t) =>
        runCli(
          [
            'jt808-sim',
            ...common,
            '--phone',
            t.phone,
            '--vehicle',
            t.vehicle,
            '--port',
            port,
            '--work-bit',
            'io:0',
            '--work',
            ...t.args,
          ],
          120_000,
        ),
      ),
    );
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${plans[i]!.length} of ${plans[i]!.length} locations acknowledged`);
    });
    const stranger = await runCli(
      ['jt808-sim', ...common, '--phone', '013999999999', '--vehicle', 'S-4', '--port', port],
      60_000,
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/register refused, result 4/);
    await jt.telemetry.idle();

    // the same fixes over MQTT into a second gridwatch
    const viaMqtt = await startApp({ loaded: fleetConfig(false), log: silentLogger() });
    apps.push(viaMqtt);
    const mq = services(viaMqtt);
    const mqttPlan: ReplayFix[] = TERMINALS.flatMap((t, i) =>
      plans[i]!.map((f) => ({
        vehicleId: t.vehicle,
        dueMs: f.dueMs,
        payload: {
          ts: f.location.ts,
          lat: f.location.lat,
          lon: f.location.lon,
          speed_kmh: f.location.speedKmh,
          heading: f.location.heading,
          work: true,
        },
      })),
    ).sort((a, b) => a.dueMs - b.dueMs);
    const broker = viaMqtt.components.find((c) => c.name === 'mqtt') as unknown as { port: number };
    const demo = loadConfigFile(jerseyConfigFile).config;
    await publishReplay(mqttPlan, {
      url: `mqtt://127.0.0.1:${broker.port}`,
      topicPrefix: 'gridwatch',
      credentials: (id) => ({ username: id, password: demo.vehicles.find((v) => v.id === id)!.password! }),
    });
    await mq.telemetry.idle();

    // every position stored, the same on both paths; nothing of the stranger
    for (const [i, t] of TERMINALS.entries()) {
      const a = await jt.telemetry.track(t.vehicle, 0, Date.now() + DAY);
      const b = await mq.telemetry.track(t.vehicle, 0, Date.now() + DAY);
      expect(a.length).toBeGreaterThan(200);
      expect(a.length).toBe(plans[i]!.length - (await rejectedOf(jt.telemetry, t.vehicle)));
      expect(a.map(({ receivedAt: _r, ...p }) => p)).toEqual(b.map(({ receivedAt: _r, ...p }) => p));
    }
    expect(jt.jt808.counters.terminals().unknown).toMatchObject({ unknown_terminal: 1 });

    // on the map: /api/vehicles
    const operator = await login(viaJt.url(), 'operator');
    const res = await operator.fetch('/api/vehicles');
    expect(res.status).toBe(200);
    const { vehicles } = (await res.json()) as {
      vehicles: { id: string; position: { lat: number; lon: number } | null; counts: { accepted: number } }[];
    };
    for (const [i, t] of TERMINALS.entries()) {
      const v = vehicles.find((x) => x.id === t.vehicle)!;
      const lastFix = plans[i]![plans[i]!.length - 1]!.location;
      expect(v.position).toMatchObject({ lat: lastFix.lat, lon: lastFix.lon });
      expect(v.counts.accepted).toBeGreaterThan(200);
    }

    // the stranger's refusals in /api/health and /metrics, per reason and terminal
    const health = (await (await fetch(`${viaJt.url()}/api/health`)).json()) as {
      components: Record<string, { stats?: Record<string, number> }>;
    };
    expect(health.components.jt808?.stats?.['rejected.unknown_terminal']).toBe(1);
    const admin = await login(viaJt.url(), 'admin');
    const prom = await (await admin.fetch('/metrics')).text();
    expect(prom).toMatch(/gridwatch_jt808_rejected_total\{reason="unknown_terminal",terminal="unknown"[^}]*\} 1/);

    // route compliance: the trace's day judged, identically on both paths
    const reportsOf = (r: RouteService) =>
      r.reports({ from: day, to: day }).sort((x, y) => x.vehicleId.localeCompare(y.vehicleId));
    const jtReports = reportsOf(jt.route);
    expect(jtReports.map((d) => d.vehicleId)).toEqual(['P-1', 'S-12', 'S-4']);
    const s4 = jtReports.find((d) => d.vehicleId === 'S-4')!;
    expect(s4.coverage).not.toBeNull();
    expect(s4.workingM).toBeGreaterThan(1000);
    expect(Object.keys(s4.violations).length).toBeGreaterThan(0);
    expect(jtReports).toEqual(reportsOf(mq.route));
  }, 240_000);
});

async function rejectedOf(t: TelemetryService, id: string): Promise<number> {
  const v = (await t.vehicles()).find((x) => x.id === id)!;
  return Object.values(v.counts.rejected).reduce((a, b) => a + (b ?? 0), 0) + v.counts.duplicates;
}
