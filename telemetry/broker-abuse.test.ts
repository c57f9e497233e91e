/**
 * The embedded broker against abuse, in the running app: client-id takeover, retained junk and oversized payloads,
 * silent and surplus connections — each refused while honest vehicles and accounts keep working.
 */
import { connect, type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig, waitFor } from '../kernel/testing.ts';
import { EmbeddedBroker } from './broker.ts';
import { TelemetryService } from './service.ts';
import { DASHBOARD, FLEET, fixPayload, passwordOf, vehicleClient } from './testing/fleet.ts';

let app: App | undefined;
const clients: MqttClient[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await app?.stop();
  app = undefined;
});

async function start(mqttExtra: Record<string, unknown> = {}) {
  app = await startApp({
    loaded: testConfig({
      vehicles: FLEET,
      mqtt: { mode: 'embedded', port: 0, subscribers: [DASHBOARD], ...mqttExtra },
    }),
    log: silentLogger(),
  });
  const broker = app.components.find((c): c is EmbeddedBroker => c instanceof EmbeddedBroker)!;
  const svc = app.components.find((c): c is TelemetryService => c instanceof TelemetryService)!;
  return { url: `mqtt://127.0.0.1:${broker.port}`, broker, svc };
}

const login = async (url: string, opts: mqtt.IClientOptions) => {
  const c = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...opts }, false);
  clients.push(c);
  return c;
};

describe('embedded broker: client ids are bound to the login', () => {
  it("another login's client id is refused; the owner stays connected; its queued messages stay its own", async () => {
    const { url } = await start();
    // the dashboard account holds a persistent session, goes away, and fixes are queued for it
    const dash = await login(url, { ...DASHBOARD, clientId: 'dashboard', clean: false });
    await dash.subscribeAsync('gridwatch/vehicles/+/position', { qos: 1 });
    await dash.endAsync();
    const s12 = await vehicleClient(url, 'S-12', { clientId: 'S-12', reconnectPeriod: 0 });
    clients.push(s12);
    for (let i = 0; i < 3; i++)
      await s12.publishAsync('gridwatch/vehicles/S-12/position', fixPayload(Date.now() - 3000 + i, i), { qos: 1 });
    // S-4 tries to resume the dashboard's session, and to take over S-12's connection
    for (const clientId of ['dashboard', 'dashboard:x', 'S-12']) {
      const stolen: string[] = [];
      const attempt = mqtt.connect(url, {
        protocolVersion: 4,
        reconnectPeriod: 0,
        clean: false,
        clientId,
        username: 'S-4',
        password: passwordOf('S-4'),
      });
      attempt.on('message', (t) => stolen.push(t));
      const refused = await new Promise<string>((r) => {
        attempt.once('error', (e) => r(e.message));
        attempt.once('connect', () => r('connected'));
      });
      attempt.end(true);
      expect({ clientId, refused, stolen }).toEqual({
        clientId,
        refused: expect.stringMatching(/Identifier rejected/i),
        stolen: [],
      });
    }
    expect(s12.connected).toBe(true);
    await s12.publishAsync('gridwatch/vehicles/S-12/position', fixPayload(Date.now(), 9), { qos: 1 });
    // the dashboard comes back: everything queued for it is still there
    const back = await login(url, { ...DASHBOARD, clientId: 'dashboard', clean: false });
    const got: string[] = [];
    back.on('message', (t) => got.push(t));
    await waitFor(() => got.length === 4);
  });

  it('free-form client ids live in the namespace of their login: the same id does not collide', async () => {
    const { url } = await start();
    const a = await vehicleClient(url, 'S-4', { clientId: 'tracker-01', reconnectPeriod: 0 });
    const b = await vehicleClient(url, 'S-12', { clientId: 'tracker-01', reconnectPeriod: 0 });
    clients.push(a, b);
    let aClosed = false;
    a.on('close', () => (aClosed = true));
    await b.publishAsync('gridwatch/vehicles/S-12/position', fixPayload(Date.now(), 1), { qos: 1 });
    await a.publishAsync('gridwatch/vehicles/S-4/position', fixPayload(Date.now(), 1), { qos: 1 });
    expect(aClosed).toBe(false);
  });
});

describe('embedded broker: retained messages and payload limits', () => {
  it('refuses retained junk and oversized payloads; nothing is retained or forwarded; honest status is', async () => {
    const { url, svc } = await start();
    const junk = await vehicleClient(url, 'S-4', { reconnectPeriod: 0 });
    clients.push(junk);
    const gone = new Promise<void>((r) => junk.once('close', () => r()));
    junk.publish('gridwatch/vehicles/S-4/junk', Buffer.alloc(1 << 20, 120), { qos: 1, retain: true });
    await gone;

    const p1 = await vehicleClient(url, 'P-1', { reconnectPeriod: 0 });
    clients.push(p1);
    await p1.publishAsync('gridwatch/vehicles/P-1/status', 'online', { qos: 1, retain: true });
    await p1.publishAsync('gridwatch/vehicles/P-1/position', fixPayload(Date.now() - 1000, 1), {
      qos: 1,
      retain: true,
    });
    // oversized: rejected, acked
    await p1.publishAsync('gridwatch/vehicles/P-1/position', 'x'.repeat(5000), { qos: 1 });
    await svc.idle();
    expect(svc.counters.forVehicle('P-1')).toMatchObject({ accepted: 1, rejected: { oversized: 1 } });

    const watcher = await login(url, { ...DASHBOARD });
    const seen: string[] = [];
    watcher.on('message', (t, p) => seen.push(`${t} ${p.length}`));
    await watcher.subscribeAsync('gridwatch/vehicles/#', { qos: 1 });
    await p1.publishAsync('gridwatch/vehicles/P-1/position', 'y'.repeat(5000), { qos: 1 });
    const good = fixPayload(Date.now(), 2);
    await p1.publishAsync('gridwatch/vehicles/P-1/position', good, { qos: 1 });
    await waitFor(() => seen.some((s) => s.startsWith('gridwatch/vehicles/P-1/position')));
    await new Promise((r) => setTimeout(r, 200));
    // retained: the two status messages (P-1 online, S-4's last will), nothing else; then only the good fix
    expect(seen.sort()).toEqual([
      `gridwatch/vehicles/P-1/position ${good.length}`,
      'gridwatch/vehicles/P-1/status 6',
      'gridwatch/vehicles/S-4/status 7',
    ]);
    expect(seen.some((s) => s.endsWith(' 5000') || s.endsWith(` ${1 << 20}`))).toBe(false);
  });
});

describe('embedded broker: packet size', () => {
  it('closes a connection announcing a 200 MB packet after its header, over TCP and WebSocket', async () => {
    const { url, broker } = await start({ wsPort: 0 });
    for (const target of [url, `ws://127.0.0.1:${broker.wsPort}`]) {
      const c = await vehicleClient(target, 'S-4', { reconnectPeriod: 0 });
      clients.push(c);
      const gone = new Promise<void>((r) => c.once('close', () => r()));
      // header of a PUBLISH with a 200 MB remaining length, then a little of its body: never sent in full
      const stream = (c as unknown as { stream: { write(b: Buffer): void } }).stream;
      stream.write(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x64]));
      stream.write(Buffer.alloc(1024));
      await gone;
    }
    const fine = await vehicleClient(url, 'S-4', { reconnectPeriod: 0 });
    clients.push(fine);
    await fine.publishAsync('gridwatch/vehicles/S-4/position', fixPayload(Date.now(), 1), { qos: 1 });
    expect(broker.health().stats).toMatchObject({ packetTooLarge: 2 });
  });
});

describe('embedded broker: connection limits', () => {
  it('closes silent connections, refuses the (cap+1)-th from one address, vehicles keep working', async () => {
    const { url, broker, svc } = await start({
      connections: { maxPerAddress: 5, handshakeSeconds: 0.5, idleSeconds: 30 },
    });
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const s = connect({ port: broker.port, host: '127.0.0.1', localAddress: '127.0.0.2' }, () => resolve(s));
        s.on('error', () => undefined);
        sockets.push(s);
      });
    const silent = await Promise.all([1, 2, 3, 4, 5].map(() => open()));
    const extra = await open();
    await new Promise<void>((r) => (extra.destroyed ? r() : extra.once('close', () => r())));
    const truck = await vehicleClient(url, 'S-4', { reconnectPeriod: 0 });
    clients.push(truck);
    await Promise.all(silent.map((s) => new Promise<void>((r) => (s.destroyed ? r() : s.once('close', () => r())))));
    await truck.publishAsync('gridwatch/vehicles/S-4/position', fixPayload(Date.now(), 1), { qos: 1 });
    await svc.idle();
    expect(svc.counters.forVehicle('S-4').accepted).toBe(1);
    expect(broker.health().stats).toMatchObject({ 'connections.refused': 1, 'connections.handshakeClosed': 5 });
  });
});
