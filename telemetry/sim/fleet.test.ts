/**
 * The simulated fleet in a real gridwatch on the demo configuration: the vehicles log in to the embedded broker,
 * the day so far arrives as a backlog, and route compliance judges it — each vehicle has today's coverage at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../app.ts';
import { demoConfigFile } from '../../demo/index.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir, testConfig, waitFor } from '../../kernel/testing.ts';
import { RouteService } from '../route/service.ts';
import { backfillFrom } from './fleet.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** 10:20 in Shenzhen: the sweeper's 10:00 round is under way, the 08:00 rounds of the others have ended. */
const APP_NOW = Date.parse('2026-03-03T10:20:00+08:00');

describe('simulated fleet (mqtt.simulate) on the demo city', () => {
  it('backfills the local day, then every vehicle has today’s coverage > 0 from the route checks', async () => {
    const loaded = loadConfigFile(demoConfigFile);
    const c = loaded.config;
    const config = {
      ...c,
      dataDir: tempDir('gw-sim-'),
      log: { level: 'silent' as const },
      server: { ...c.server, port: 0 },
      mqtt: { ...c.mqtt, port: 0 } as typeof c.mqtt,
      media: { ...c.media, enabled: false },
      cameras: [],
      zones: [],
    };
    const shift = Date.now() - APP_NOW;
    app = await startApp({
      loaded: { ...loaded, config },
      log: silentLogger(),
      clock: { now: () => Date.now() - shift },
    });
    const route = app.components.find((x): x is RouteService => x instanceof RouteService)!;
    const today = (): { id: string; coverage: number | null }[] =>
      route
        .reports()
        .filter((d) => d.day === '2026-03-03')
        .map((d) => ({ id: d.vehicleId, coverage: d.coverage }));
    const sim = (): Record<string, unknown> => app!.components.find((x) => x.name === 'sim-fleet')!.health().stats!;
    await waitFor(() => today().filter((d) => (d.coverage ?? 0) > 0).length === 3, 60_000, 200);
    await waitFor(() => sim().caughtUp === true, 60_000, 200);
    expect(
      today()
        .map((d) => d.id)
        .sort(),
    ).toEqual(['P-1', 'S-12', 'S-4']);
    for (const d of today()) {
      expect(d.coverage, d.id).toBeGreaterThan(0.3);
      expect(d.coverage, d.id).toBeLessThanOrEqual(1);
    }
    const stats = sim();
    // 10 h 20 min of the day: thousands of fixes, sent as a backlog, none rejected by the pipeline
    expect(Number(stats.backfilled)).toBeGreaterThan(3000);
    const tel = app.components.find((x) => x.name === 'telemetry')!.health().stats!;
    expect(tel.rejected ?? 0).toBe(0);
  }, 120_000);

  it('the backlog starts at the local day’s start, or backfillMinutes before now when later', () => {
    expect(new Date(backfillFrom(APP_NOW, 1440, 'Asia/Shanghai')).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(backfillFrom(APP_NOW, 60, 'Asia/Shanghai')).toBe(APP_NOW - 3_600_000);
  });

  it('clear start errors: no road network, an unknown vehicle', async () => {
    const base = loadConfigFile(demoConfigFile).config;
    const plans = base.plans.map((p) => ({ ...p, roadIds: undefined, streets: 'longgang/roads.geojson' }));
    const cfg = (over: Record<string, unknown>) =>
      testConfig(
        {
          vehicles: base.vehicles,
          plans: base.plans,
          roads: { file: 'longgang/roads.geojson' },
          mqtt: { mode: 'embedded', port: 0, simulate: {} },
          ...over,
        },
        loaded().baseDir,
      );
    await expect(startApp({ loaded: cfg({ roads: undefined, plans }), log: silentLogger() })).rejects.toThrow(
      /mqtt.simulate: needs a road network \(roads.file\)/,
    );
    await expect(
      startApp({
        loaded: cfg({ mqtt: { mode: 'embedded', port: 0, simulate: { vehicles: ['S-4', 'X-9'] } } }),
        log: silentLogger(),
      }),
    ).rejects.toThrow(/mqtt.simulate.vehicles\[1\]: unknown vehicle "X-9"/);
  });
});

const loaded = (): { baseDir: string } => loadConfigFile(demoConfigFile);
