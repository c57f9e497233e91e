/**
 * Scaling out against mosquitto: two gridwatch workers. With `sharedGroup` the broker splits the messages (so one
 * vehicle's fixes land on both workers); with `partition` each worker owns whole vehicles. Either way every fix is
 * stored once; only `partition` keeps each vehicle's whole, ordered stream on one worker (see README.md).
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { TelemetryService } from './service.ts';
import { FLEET, vehicleClient } from './testing/fleet.ts';
import { hasMosquitto, Mosquitto } from './testing/mosquitto.ts';
import { publishStream } from './testing/publish.ts';
import { startService } from './testing/service.ts';
import { ownsVehicle } from './partition.ts';

const PER_VEHICLE = 200;

describe.skipIf(!hasMosquitto)('two workers on one external broker', () => {
  let mosq: Mosquitto;
  const workers: TelemetryService[] = [];
  const clients = new Map<string, MqttClient>();
  beforeAll(async () => {
    mosq = await Mosquitto.start();
    for (const v of FLEET) clients.set(v.id, await vehicleClient(mosq.url, v.id));
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
    await Promise.all(workers.map((w) => w.stop()));
    await mosq?.stop('SIGKILL');
  });

  async function run(
    mqtt: (i: number) => Record<string, unknown>,
    t0: number,
  ): Promise<[TelemetryService, TelemetryService]> {
    const pair = [
      await startService({ vehicles: FLEET, mqtt: mqtt(0) }),
      await startService({ vehicles: FLEET, mqtt: mqtt(1) }),
    ] as [TelemetryService, TelemetryService];
    workers.push(...pair);
    await waitFor(() => pair.every((w) => w.health().stats?.['subscriber.subscribed'] === true));
    await publishStream({ clients, perVehicle: PER_VEHICLE, t0, stepMs: 1000 });
    const total = () => pair.reduce((n, w) => n + w.counters.summary().accepted, 0);
    await waitFor(() => total() >= FLEET.length * PER_VEHICLE, 20_000);
    await Promise.all(pair.map((w) => w.idle()));
    return pair;
  }

  const storedTs = async (w: TelemetryService, id: string, t0: number) =>
    (await w.track(id, t0, t0 + 1e7)).map((p) => p.ts);

  it('sharedGroup: the messages are split between the workers; together they store every fix once', async () => {
    const t0 = Date.now() - 7_200_000;
    const pair = await run(
      (i) => ({ mode: 'url', url: mosq.url, clientId: `share-${i}-${process.pid}`, sharedGroup: 'gw' }),
      t0,
    );
    for (const v of FLEET) {
      const [a, b] = [await storedTs(pair[0], v.id, t0), await storedTs(pair[1], v.id, t0)];
      expect(a.length + b.length).toBe(PER_VEHICLE);
      expect(new Set([...a, ...b]).size).toBe(PER_VEHICLE);
    }
    // the split is per message: each worker got a share of the fleet's messages
    expect(pair.map((w) => w.counters.summary().accepted).every((n) => n > 0)).toBe(true);
  });

  it('partition: each worker owns whole vehicles, and gets every fix of them', async () => {
    const t0 = Date.now() - 3_600_000;
    // both own some
    expect(new Set(FLEET.map((v) => ownsVehicle(v.id, { count: 2, index: 0 })))).toEqual(new Set([true, false]));
    const pair = await run(
      (i) => ({ mode: 'url', url: mosq.url, clientId: `part-${i}-${process.pid}`, partition: { count: 2, index: i } }),
      t0,
    );
    for (const v of FLEET) {
      const [owner, other] = ownsVehicle(v.id, { count: 2, index: 0 }) ? pair : [pair[1], pair[0]];
      expect(await storedTs(owner, v.id, t0)).toHaveLength(PER_VEHICLE);
      expect(await storedTs(other, v.id, t0)).toEqual([]);
      expect(owner.counters.forVehicle(v.id).late).toBe(0);
    }
  });
});
