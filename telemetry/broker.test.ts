/** The embedded broker inside the running app: logins, ACL, WebSocket, last will, the tap into the pipeline. */
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.ts';
import type { HealthReport } from '../kernel/health.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig, waitFor } from '../kernel/testing.ts';
import type { VehicleStatus } from '../kernel/types/index.ts';
import { EmbeddedBroker } from './broker.ts';
import { TelemetryService } from './service.ts';
import { DASHBOARD, FLEET, fixPayload, vehicleClient } from './testing/fleet.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function start(): Promise<{ url: string; ws: string; svc: TelemetryService; broker: EmbeddedBroker }> {
  app = await startApp({
    loaded: testConfig({ vehicles: FLEET, mqtt: { mode: 'embedded', port: 0, wsPort: 0, subscribers: [DASHBOARD] } }),
    log: silentLogger(),
  });
  const broker = app.components.find((c): c is EmbeddedBroker => c instanceof EmbeddedBroker)!;
  const svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
  return { url: `mqtt://127.0.0.1:${broker.port}`, ws: `ws://127.0.0.1:${broker.wsPort}`, svc, broker };
}

describe('embedded broker: authentication and ACL', () => {
  it('refuses anonymous clients and bad passwords', async () => {
    const { url } = await start();
    await expect(mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 }, false)).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    );
    await expect(
      mqtt.connectAsync(
        url,
        { protocolVersion: 4, username: 'S-4', password: 'pass-S-12-secret', reconnectPeriod: 0 },
        false,
      ),
    ).rejects.toThrow(/Bad username or password/i);
    const h = (await (await fetch(`${app!.url()}/api/health`)).json()) as HealthReport;
    expect(h.components.mqtt?.stats?.authFailures).toBe(2);
  });

  it('a vehicle publishing under another vehicle id is refused: disconnected, nothing stored, delivered', async () => {
    const { url, svc } = await start();
    const watcher = await mqtt.connectAsync(url, { protocolVersion: 4, ...DASHBOARD }, false);
    const seen: string[] = [];
    watcher.on('message', (t) => seen.push(t));
    await watcher.subscribeAsync('gridwatch/vehicles/#', { qos: 1 });
    const s4 = await vehicleClient(url, 'S-4', { reconnectPeriod: 0 });
    const closed = new Promise<void>((r) => s4.once('close', () => r()));
    s4.publish('gridwatch/vehicles/S-12/position', fixPayload(Date.now(), 1), { qos: 1 });
    await closed;
    await svc.idle();
    expect(await svc.track('S-12', 0, Date.now() + 1000)).toEqual([]);
    expect(seen.filter((t) => t.includes('S-12/position'))).toEqual([]);
    // the dashboard account may subscribe but not publish
    const closedW = new Promise<void>((r) => watcher.once('close', () => r()));
    watcher.options.reconnectPeriod = 0;
    watcher.publish('gridwatch/vehicles/S-4/position', fixPayload(Date.now(), 1), { qos: 1 });
    await closedW;
    const h = (await (await fetch(`${app!.url()}/api/health`)).json()) as HealthReport;
    expect(h.components.mqtt?.stats?.publishDenied).toBe(2);
    await s4.endAsync(true);
    await watcher.endAsync(true);
  });

  it('own-id fixes are stored, delivered over TCP and WebSocket; the last will marks the vehicle offline', async () => {
    const { url, ws, svc } = await start();
    const statuses: VehicleStatus[] = [];
    app!.ctx.bus.on('vehicle.status', (s) => void statuses.push(s));
    const browser = await mqtt.connectAsync(ws, { protocolVersion: 4, ...DASHBOARD }, false);
    const got: string[] = [];
    browser.on('message', (_t, p) => got.push(p.toString()));
    await browser.subscribeAsync('gridwatch/vehicles/+/position', { qos: 1 });
    const p1 = await vehicleClient(url, 'P-1');
    await p1.publishAsync('gridwatch/vehicles/P-1/status', 'online', { qos: 1, retain: true });
    const t = Date.now() - 5000;
    for (let i = 0; i < 5; i++)
      await p1.publishAsync('gridwatch/vehicles/P-1/position', fixPayload(t + i * 1000, i), { qos: 1 });
    expect((await svc.track('P-1', 0, Date.now())).map((p) => p.ts)).toEqual([0, 1, 2, 3, 4].map((i) => t + i * 1000));
    await waitFor(() => got.length === 5);
    expect(statuses.map((s) => [s.vehicleId, s.online])).toEqual([['P-1', true]]);
    (p1 as unknown as { stream: { destroy(): void } }).stream.destroy(); // the truck loses its connection
    await waitFor(() => statuses.length === 2);
    expect(statuses[1]).toMatchObject({ vehicleId: 'P-1', online: false });
    p1.end(true);
    await browser.endAsync();
  });
});
