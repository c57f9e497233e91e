/** The demo fleet component: real traces replayed through the embedded broker as live, logged-in vehicles. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../app.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig, waitFor } from '../../kernel/testing.ts';
import type { VehicleStatus } from '../../kernel/types/index.ts';
import { TelemetryService } from '../service.ts';
import { FLEET } from '../testing/fleet.ts';

const JERSEY = 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv';
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('demo fleet (mqtt.replay)', () => {
  it('the Jersey City trucks come online and report fixes dated now, through the broker and the pipeline', async () => {
    const t = Date.now();
    app = await startApp({
      loaded: testConfig({
        vehicles: FLEET,
        mqtt: {
          mode: 'embedded',
          port: 0,
          replay: { traces: [JERSEY], tz: 'America/New_York', speedup: 1000, work: true },
        },
      }),
      log: silentLogger(),
    });
    const statuses: VehicleStatus[] = [];
    app.ctx.bus.on('vehicle.status', (s) => void statuses.push(s));
    const svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
    await waitFor(async () => (await svc.vehicles()).every((v) => v.position !== null && v.online), 15_000, 100);
    const vehicles = await svc.vehicles();
    for (const v of vehicles) {
      expect(v.position!.ts).toBeGreaterThanOrEqual(t);
      expect(v.position!.ts).toBeLessThan(Date.now() + 1000);
      expect(v.position!.work).toEqual({ active: true });
      expect(v.position!.lat).toBeGreaterThan(40.68);
      expect(v.position!.lat).toBeLessThan(40.77);
    }
    expect(app.components.find((c) => c.name === 'demo-fleet')?.health().stats?.published).toBeGreaterThan(3);
    // each truck logged in as itself: they published their own online status
    expect(new Set(statuses.filter((s) => s.online).map((s) => s.vehicleId))).toEqual(new Set(['S-4', 'S-12', 'P-1']));
  });

  it('a trace naming a vehicle that is not configured fails the start with a clear message', async () => {
    await expect(
      startApp({
        loaded: testConfig({
          vehicles: [FLEET[0]],
          mqtt: { mode: 'embedded', port: 0, replay: { traces: [JERSEY], tz: 'America/New_York' } },
        }),
        log: silentLogger(),
      }),
    ).rejects.toThrow(
      /demo-fleet failed to start: mqtt.replay: trace .* has vehicle "(S-12|P-1)", which is not in vehicles/,
    );
  });
});
