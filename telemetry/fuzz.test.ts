/**
 * Fuzz: thousands of malformed payloads through the real embedded broker and pipeline. Each is rejected with its
 * reason, the process stays up, the publisher stays connected, and another vehicle's good traffic is unaffected.
 */
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.ts';
import type { HealthReport } from '../kernel/health.ts';
import { silentLogger } from '../kernel/log.ts';
import { metrics } from '../kernel/metrics.ts';
import { testConfig } from '../kernel/testing.ts';
import { EmbeddedBroker } from './broker.ts';
import { TelemetryService } from './service.ts';
import { FLEET, fixPayload, vehicleClient } from './testing/fleet.ts';
import { prng } from '../kernel/prng.ts';
import { malformed } from './testing/fuzz.ts';
import type { RejectReason } from './types.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const BAD = 4000;
const GOOD = 500;

describe('fuzz: malformed payloads', () => {
  it('are all rejected with reasons; the process lives; good traffic is unaffected', async () => {
    app = await startApp({ loaded: testConfig({ vehicles: FLEET }), log: silentLogger() });
    const broker = app.components.find((c): c is EmbeddedBroker => c instanceof EmbeddedBroker)!;
    const svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const fuzzer = await vehicleClient(url, 'S-4', { reconnectPeriod: 0 });
    const honest = await vehicleClient(url, 'S-12', { reconnectPeriod: 0 });
    const internal = await mqtt.connectAsync(url, { protocolVersion: 4, ...broker.internalCredential }, false);
    let closes = 0;
    fuzzer.on('close', () => closes++);

    const r = prng(20260301);
    const now = Date.now();
    const expected = new Map<RejectReason, number>();
    const allowed: RejectReason[][] = [];
    const sends: Promise<unknown>[] = [];
    const t0 = now - 3_600_000;
    for (let i = 0; i < BAD; i++) {
      const bad = malformed(r, now);
      allowed.push([...bad.reasons]);
      sends.push(fuzzer.publishAsync('gridwatch/vehicles/S-4/position', bad.payload, { qos: 1 }));
      if (i % (BAD / GOOD) === 0)
        sends.push(
          honest.publishAsync('gridwatch/vehicles/S-12/position', fixPayload(t0 + (i / (BAD / GOOD)) * 1000, i), {
            qos: 1,
          }),
        );
      if (i % 40 === 0) {
        // fixes from vehicles gridwatch does not know, and topics outside the scheme (only an internal client can)
        sends.push(internal.publishAsync(`gridwatch/vehicles/GHOST-${i}/position`, fixPayload(now, 1), { qos: 1 }));
        sends.push(internal.publishAsync('gridwatch/vehicles/S-4/position/extra', fixPayload(now, 1), { qos: 1 }));
        expected.set('unknown_vehicle', (expected.get('unknown_vehicle') ?? 0) + 1);
        expected.set('bad_topic', (expected.get('bad_topic') ?? 0) + 1);
      }
      if (sends.length > 200) await Promise.all(sends.splice(0));
    }
    await Promise.all(sends);
    await svc.idle();

    const counts = svc.counters.forVehicle('S-4');
    const byReason = svc.counters.byReason();
    const fuzzRejected = Object.values(counts.rejected).reduce((a, b) => a + (b ?? 0), 0);
    expect(fuzzRejected).toBe(BAD); // every malformed payload rejected, with a reason
    expect(counts.accepted).toBe(0);
    // every reason the generators aim at was produced, and nothing outside their allowed reasons
    const aimed = new Set(allowed.flat());
    for (const reason of aimed) expect({ reason, n: counts.rejected[reason] ?? 0 }).not.toEqual({ reason, n: 0 });
    for (const reason of Object.keys(counts.rejected)) expect(aimed.has(reason as RejectReason)).toBe(true);
    expect(byReason.unknown_vehicle).toBe(expected.get('unknown_vehicle'));
    expect(byReason.bad_topic).toBe(expected.get('bad_topic'));

    // the honest vehicle: every fix stored, nothing rejected
    expect(await svc.track('S-12', t0, now)).toHaveLength(GOOD);
    expect(svc.counters.forVehicle('S-12')).toEqual({ accepted: GOOD, late: 0, duplicates: 0, rejected: {} });

    // still alive, still connected, counts visible in /api/health and the Prometheus registry
    expect(closes).toBe(0);
    const health = (await (await fetch(`${app.url()}/api/health`)).json()) as HealthReport;
    expect(health.components.telemetry?.state).toBe('ok');
    expect(health.components.telemetry?.stats?.['rejected.malformed_json']).toBe(byReason.malformed_json);
    const prom = await metrics.getSingleMetricAsString('gridwatch_telemetry_rejected_total');
    expect(prom).toMatch(
      /gridwatch_telemetry_rejected_total\{reason="malformed_json",vehicle="S-4",app="gridwatch"\} \d+/,
    );
    expect(prom).toMatch(/reason="unknown_vehicle",vehicle="unknown"/);
    await Promise.all([fuzzer.endAsync(), honest.endAsync(), internal.endAsync()]);
  }, 60_000);
});
