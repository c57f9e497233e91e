/**
 * Real external broker: Debian's mosquitto (persistent sessions, queue limits lifted). gridwatch subscribes with
 * MQTT 5 and a persistent session; three vehicles publish fixes at QoS 1; mosquitto is restarted mid-stream.
 * Every fix must be stored exactly once, and processed in ts order per vehicle.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig, waitFor } from '../kernel/testing.ts';
import type { Position } from '../kernel/types/index.ts';
import { TelemetryService } from './service.ts';
import { FLEET, vehicleClient } from './testing/fleet.ts';
import { hasMosquitto, Mosquitto } from './testing/mosquitto.ts';
import { expectedTs, publishStream } from './testing/publish.ts';

const PER_VEHICLE = 1500;

describe.skipIf(!hasMosquitto)('telemetry against mosquitto, broker restarted mid-stream', () => {
  let mosq: Mosquitto;
  let app: App | undefined;
  const clients = new Map<string, MqttClient>();
  beforeAll(async () => {
    mosq = await Mosquitto.start();
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
    await app?.stop();
    await mosq?.stop('SIGKILL');
  });

  it('stores every fix exactly once, in order per vehicle', async () => {
    app = await startApp({
      loaded: testConfig({
        vehicles: FLEET,
        mqtt: { mode: 'url', url: mosq.url, clientId: `gw-test-${process.pid}`, sessionExpirySeconds: 3600 },
      }),
      log: silentLogger(),
    });
    const svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
    const events = new Map<string, Position[]>();
    app.ctx.bus.on(
      'vehicle.position',
      (p) => void (events.get(p.vehicleId) ?? events.set(p.vehicleId, []).get(p.vehicleId)!).push(p),
    );
    for (const v of FLEET) clients.set(v.id, await vehicleClient(mosq.url, v.id, { reconnectPeriod: 200 }));
    // gridwatch's subscription is in place once a probe fix comes through
    const probeTs = Date.now() - 3_600_000;
    await clients
      .get('P-1')!
      .publishAsync('gridwatch/vehicles/P-1/position', JSON.stringify({ ts: probeTs, lat: 40.7, lon: -74.05 }), {
        qos: 1,
      });
    await waitFor(async () => (await svc.track('P-1', probeTs, probeTs)).length === 1);

    const plan = { perVehicle: PER_VEHICLE, t0: probeTs + 1000, stepMs: 1000 };
    await publishStream({
      clients,
      ...plan,
      afterRound: async (round) => {
        if (round === Math.floor(PER_VEHICLE * 0.4)) await mosq.restart();
      },
    });
    const want = expectedTs(plan);
    await waitFor(
      async () =>
        (await Promise.all(FLEET.map((v) => svc.track(v.id, plan.t0, plan.t0 + 1e8)))).every(
          (t) => t.length >= PER_VEHICLE,
        ),
      30_000,
      200,
    );
    await svc.idle();
    expect(svc.health().stats?.['subscriber.connects']).toBe(2); // it really lost the broker and came back
    for (const v of FLEET) {
      const stored = await svc.track(v.id, plan.t0, plan.t0 + 1e8);
      expect(stored.map((p) => p.ts)).toEqual(want); // exactly once each, nothing lost
      const seen = (events.get(v.id) ?? []).filter((p) => p.ts >= plan.t0);
      const inOrder = seen.filter((p) => !p.late).map((p) => p.ts);
      expect(inOrder).toEqual([...inOrder].sort((a, b) => a - b));
      expect(new Set(inOrder).size).toBe(inOrder.length);
      expect(new Set(seen.map((p) => p.ts)).size).toBe(PER_VEHICLE); // every fix went through the pipeline once
      expect(seen).toHaveLength(PER_VEHICLE);
    }
  }, 120_000);
});
