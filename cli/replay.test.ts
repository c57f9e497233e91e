/** `gridwatch replay` as a child process against the running app's embedded broker, with real traces. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startApp, type App } from '../app.ts';
import { silentLogger } from '../kernel/log.ts';
import { repoRoot, runCli, sharedDir, tempDir, testConfig } from '../kernel/testing.ts';
import { EmbeddedBroker } from '../telemetry/broker.ts';
import { TelemetryService } from '../telemetry/service.ts';
import { FLEET } from '../telemetry/testing/fleet.ts';
import { runReplay } from '../telemetry/replay/run.ts';
import { byVehicle, readTrace } from '../telemetry/trace/index.ts';

const JERSEY = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
const MUNICH = path.join(repoRoot, 'demo/traces/barefoot_munich_x0001-001.csv');
/** The three Jersey City trucks, and a car for the Huntsville drive (far away from them: another vehicle). */
const VEHICLES = [...FLEET, { id: 'H-1', type: 'other', password: 'pass-H-1-secret' }];
const HUNTSVILLE = path.join(sharedDir, 'geo/traces/kubicka_00000008_huntsville_al_us_trace.geojson');

describe('gridwatch replay', () => {
  let app: App;
  let svc: TelemetryService;
  let broker: string;
  const dir = tempDir('gw-replay-');
  const cfg = path.join(dir, 'fleet.yaml');
  beforeAll(async () => {
    app = await startApp({ loaded: testConfig({ vehicles: VEHICLES }), log: silentLogger() });
    svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
    broker = `mqtt://127.0.0.1:${app.components.find((c): c is EmbeddedBroker => c instanceof EmbeddedBroker)!.port}`;
    writeFileSync(cfg, stringify({ vehicles: VEHICLES }));
  });
  afterAll(() => app.stop());

  const stored = async (id: string) => (await svc.track(id, 0, Date.now() + 1000)).length;

  it('replays the Jersey City fleet CSV (3 trucks, each logging in as itself); each distinct fix stored', async () => {
    const r = await runCli(
      [
        'replay',
        JERSEY,
        '--config',
        cfg,
        '--broker',
        broker,
        '--tz',
        'America/New_York',
        '--backfill',
        '--speedup',
        '1000000',
      ],
      60_000,
    );
    expect(r.stderr).not.toMatch(/gridwatch replay:/);
    expect(r.stdout).toMatch(/published 814 fixes of 3 vehicle\(s\) to mqtt:\/\/127\.0\.0\.1:\d+/);
    expect(r.code).toBe(0);
    await svc.idle();
    for (const [id, fixes] of byVehicle(readTrace(JERSEY, { tz: 'America/New_York' }))) {
      const distinct = new Set(fixes.map((f) => f.ts)).size; // the feed repeats a few timestamps: stored once
      const c = svc.counters.forVehicle(id);
      expect(await stored(id)).toBe(distinct - (c.rejected.gps_jump ?? 0));
      expect(c.duplicates).toBe(fixes.length - distinct);
    }
  });

  it('replays a GPX track as one vehicle', async () => {
    const pts = readFileSync(MUNICH, 'utf8')
      .trim()
      .split('\n')
      .slice(1, 61)
      .map((l) => l.split(','));
    const trkpts = pts.map(([t, lon, lat]) => `<trkpt lat="${lat}" lon="${lon}"><time>${t}</time></trkpt>`).join('');
    const gpx =
      '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">' +
      `<trk><trkseg>${trkpts}</trkseg></trk></gpx>`;
    const file = path.join(dir, 'munich.gpx');
    writeFileSync(file, gpx);
    const before = await stored('P-1');
    const r = await runCli(
      [
        'replay',
        file,
        '--vehicle',
        'P-1',
        '--username',
        'P-1',
        '--password',
        'pass-P-1-secret',
        '--broker',
        broker,
        '--backfill',
        '--speedup',
        '100000',
      ],
      60_000,
    );
    expect(r.stdout).toMatch(/published 60 fixes of 1 vehicle\(s\)/);
    await svc.idle();
    expect((await stored('P-1')) - before).toBe(60 - (svc.counters.forVehicle('P-1').rejected.gps_jump ?? 0));
  });

  const huntsville = existsSync(HUNTSVILLE) ? '' : ` — skipped: ${HUNTSVILLE} is absent (see ../shared)`;
  it.skipIf(huntsville !== '')(`replays GeoJSON points with relative times (--start)${huntsville}`, async () => {
    const t0 = Date.now() - 2 * 3_600_000;
    const start = new Date(t0).toISOString();
    const inRange = async () => (await svc.track('H-1', t0, t0 + 3_600_000)).length;
    const before = { stored: await inRange(), jumps: svc.counters.forVehicle('H-1').rejected.gps_jump ?? 0 };
    const r = await runCli(
      [
        'replay',
        HUNTSVILLE,
        '--vehicle',
        'H-1',
        '--start',
        start,
        '--keep-time',
        '--config',
        cfg,
        '--broker',
        broker,
        '--speedup',
        '1000000',
      ],
      60_000,
    );
    expect(r.stdout).toMatch(/published 3093 fixes of 1 vehicle\(s\)/);
    await svc.idle();
    const mine = (await inRange()) - before.stored;
    const jumps = (svc.counters.forVehicle('H-1').rejected.gps_jump ?? 0) - before.jumps;
    expect(mine + jumps).toBe(3093);
    expect(mine).toBeGreaterThan(3000);
  });

  it('a refused login exits 1 naming the vehicle and the reason', async () => {
    const r = await runCli(
      [
        'replay',
        JERSEY,
        '--broker',
        broker,
        '--tz',
        'America/New_York',
        '--vehicle',
        'S-4',
        '--username',
        'S-4',
        '--password',
        'wrong-password',
      ],
      30_000,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gridwatch replay: broker .* refused vehicle "S-4": .*Bad username or password/);
  });

  it.each([
    [{ speedup: '-2' }, /--speedup must be a positive number, got "-2"/],
    [{ username: 'S-4' }, /give --username and --password together/],
    [{ keepTime: true, backfill: true }, /--keep-time and --backfill exclude each other/],
    [{ broker: 'http://x' }, /--broker must be an mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/ URL/],
    [{ start: 'noon' }, /--start must be an ISO 8601 time, got "noon"/],
    [{ trace: path.join(dir, 'nope.csv') }, /cannot read trace .*nope.csv: ENOENT/],
    [{ tz: 'Mars/Olympus' }, /unknown time zone "Mars\/Olympus"/],
  ])('bad input %j → a clear error', async (flags, message) => {
    await expect(runReplay({ trace: JERSEY, broker, ...flags })).rejects.toThrow(message);
  });
});
