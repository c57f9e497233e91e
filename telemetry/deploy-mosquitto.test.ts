/**
 * The Mosquitto configuration shipped for docker-compose (deploy/mosquitto/mosquitto.conf + acl), run on Debian's
 * mosquitto with only its paths and ports rewritten: gridwatch reads every vehicle through an MQTT 5 shared
 * subscription on its own listener, a vehicle may publish only its own position and status, a vehicle using another's
 * client id gets its own (the other stays connected), retained junk and oversized packets are refused, a bad password
 * is refused.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, waitFor } from '../kernel/testing.ts';
import { hasMosquitto, Mosquitto } from './testing/mosquitto.ts';
import { freePort } from './testing/ports.ts';

const deploy = path.join(repoRoot, 'deploy/mosquitto');
const USERS = { gridwatch: 'gw-service-pass', 'S-4': 'pass-S-4-secret', 'S-12': 'pass-S-12-secret' };

describe.skipIf(!hasMosquitto)('deploy/mosquitto: the shipped broker configuration', () => {
  let mosq: Mosquitto;
  let servicePort = 0;
  beforeAll(async () => {
    servicePort = await freePort();
    mosq = await Mosquitto.start((m) => {
      const passwd = path.join(m.dir, 'passwd');
      for (const [u, p] of Object.entries(USERS))
        execFileSync('/usr/bin/mosquitto_passwd', [...(u === 'gridwatch' ? ['-c'] : []), '-b', passwd, u, p]);
      return readFileSync(path.join(deploy, 'mosquitto.conf'), 'utf8')
        .replace(/^persistence_location .*$/m, `persistence_location ${m.dir}/`)
        .replace(/^password_file .*$/m, `password_file ${passwd}`)
        .replace(/^acl_file .*$/m, `acl_file ${path.join(deploy, 'acl')}`)
        .replace(/^listener 1883$/m, `listener ${m.port} 127.0.0.1`)
        .replace(/^listener 1884$/m, `listener ${servicePort} 127.0.0.1`)
        .replace(/^listener 9001\nprotocol websockets\nuse_username_as_clientid true\n?/m, '')
        .concat(`\nuser ${userInfo().username}\n`);
    });
  });
  afterAll(() => mosq?.stop('SIGKILL'));

  const connect = (user: keyof typeof USERS, password = USERS[user], v: 4 | 5 = 4, clientId = `${user}-x`) =>
    mqtt.connectAsync(
      user === 'gridwatch' ? `mqtt://127.0.0.1:${servicePort}` : mosq.url,
      { protocolVersion: v, username: user, password, reconnectPeriod: 0, clientId },
      false,
    );

  it('a vehicle with another’s client id gets its own: the other stays connected, its session untouched', async () => {
    const s12 = await connect('S-12', USERS['S-12'], 4, 'S-12');
    let kicked = false;
    s12.on('close', () => (kicked = true));
    const s4 = await connect('S-4', USERS['S-4'], 4, 'S-12');
    expect(s4.options.clientId).toBe('S-12'); // what it asked for; the broker uses its user name instead
    await s4.publishAsync('gridwatch/vehicles/S-4/position', 'own', { qos: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(kicked).toBe(false);
    await Promise.all([s4.endAsync(), s12.endAsync()]);
  });

  it('refuses sub-topics (retained junk never kept) and packets over max_packet_size', async () => {
    const s4 = await connect('S-4', USERS['S-4'], 5);
    await expect(
      s4.publishAsync('gridwatch/vehicles/S-4/junk', Buffer.alloc(8000, 65), { qos: 1, retain: true }),
    ).rejects.toThrow(/Not authorized/i);
    s4.end(true);
    const big = await connect('S-4', USERS['S-4'], 4);
    const closed = new Promise<void>((r) => big.once('close', () => r()));
    big.publish('gridwatch/vehicles/S-4/status', Buffer.alloc(100_000, 65), { qos: 1, retain: true });
    await closed;
    big.end(true);
    const gw = await connect('gridwatch', USERS.gridwatch, 5);
    const retained: string[] = [];
    gw.on('message', (t) => retained.push(t));
    await gw.subscribeAsync('gridwatch/vehicles/#', { qos: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(retained).toEqual([]);
    await gw.endAsync();
  });

  it('gets its own vehicles through $share; a cross-vehicle publish is refused, not delivered', async () => {
    const gw = await connect('gridwatch', USERS.gridwatch, 5);
    const got: string[] = [];
    gw.on('message', (t, p) => got.push(`${t} ${p.toString()}`));
    await gw.subscribeAsync('$share/gridwatch/gridwatch/vehicles/+/position', { qos: 1 });
    const s4 = await connect('S-4', USERS['S-4'], 5);
    await s4.publishAsync('gridwatch/vehicles/S-4/position', 'own', { qos: 1 });
    await expect(s4.publishAsync('gridwatch/vehicles/S-12/position', 'forged', { qos: 1 })).rejects.toThrow(
      /Not authorized/i,
    );
    s4.end(true); // mqtt.js drops the connection after a refused publish
    const again = await connect('S-4', USERS['S-4'], 5);
    await again.publishAsync('gridwatch/vehicles/S-4/position', 'own-2', { qos: 1 });
    await waitFor(() => got.length >= 2);
    expect(got).toEqual(['gridwatch/vehicles/S-4/position own', 'gridwatch/vehicles/S-4/position own-2']);
    await Promise.all([gw.endAsync(), again.endAsync()]);
  });

  it('refuses a bad password and anonymous clients', async () => {
    await expect(connect('S-4', 'wrong')).rejects.toThrow(/Not authorized|Bad username or password/i);
    await expect(mqtt.connectAsync(mosq.url, { protocolVersion: 4, reconnectPeriod: 0 }, false)).rejects.toThrow(
      /Not authorized/i,
    );
  });
});
