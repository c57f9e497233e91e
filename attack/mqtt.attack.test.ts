/**
 * The embedded MQTT broker (issue #14 findings 2, 5, 10, 11), against a real gridwatch with its demo fleet replaying:
 * - client-id takeover: vehicle S-4 with S-12's client id is refused, S-12 stays connected, nothing queued for S-12
 *   reaches S-4 (it is still there for S-12);
 * - retained junk: 1 MB retained messages on sub-topics are refused, not kept, not replayed to new subscribers, and
 *   the target's memory does not grow with them;
 * - silent connections closed after the handshake timeout, the (cap+1)-th from one address refused, an honest vehicle
 *   keeps publishing meanwhile, /api/health stays fast;
 * - a timestamp beyond what a Date holds (and fuzzed numbers in every field) are rejected with a reason, without a
 *   stack-trace log line per message.
 * Uses the defaults of mqtt.connections (handshake 10 s, 100 per address) so the same file runs on older code.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { parse } from 'yaml';
import { demoConfigFile } from '../demo/index.ts';
import { startTarget, type Client, type Target } from './harness.ts';
import { closedWithin, silentSocket } from './net.ts';

const fig = recorder(import.meta.filename);
const demoVehicles = (parse(readFileSync(demoConfigFile, 'utf8')) as { vehicles: { id: string; password: string }[] })
  .vehicles;
const vehiclePassword = (id: string): string => demoVehicles.find((v) => v.id === id)?.password ?? '';
let target: Target;
let admin: Client;
const open: MqttClient[] = [];

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  admin = await target.login('admin');
});
afterAll(async () => {
  for (const c of open) c.end(true);
  await target?.stop();
});

const vehicle = async (id: string, opts: Parameters<Target['vehicle']>[1] = {}): Promise<MqttClient> => {
  const c = await target.vehicle(id, opts);
  open.push(c);
  return c;
};

/** Connect as `id` with `opts`; 'connected' or the refusal's message; messages received in the first `ms`. */
async function attempt(id: string, opts: Parameters<Target['vehicle']>[1], ms = 1500) {
  const got: string[] = [];
  const c = connect(`mqtt://127.0.0.1:${target.ports.mqtt}`, {
    protocolVersion: 4,
    username: id,
    password: vehiclePassword(id),
    reconnectPeriod: 0,
    ...opts,
  });
  c.on('message', (t, p) => got.push(`${t} ${p.toString().slice(0, 40)}`));
  const outcome = await new Promise<string>((resolve) => {
    c.once('connect', () => resolve('connected'));
    c.once('error', (e) => resolve(e.message));
    c.once('close', () => resolve('closed'));
  });
  await new Promise((r) => setTimeout(r, ms));
  c.end(true);
  return { outcome, got };
}

async function telemetryStats(): Promise<Record<string, number>> {
  const h = (await (await admin.fetch('/api/health')).json()) as {
    components: Record<string, { stats?: Record<string, number> }>;
  };
  return h.components.telemetry?.stats ?? {};
}

describe('client-id takeover', () => {
  it('S-4 with S-12’s client id is refused; S-12 keeps its connection and its queued messages', async () => {
    // S-12 holds a persistent session subscribed to its own topics, and goes away
    const s12 = await vehicle('S-12', { clientId: 'S-12', clean: false });
    await s12.subscribeAsync('gridwatch/vehicles/S-12/#', { qos: 1 });
    await s12.endAsync();
    // S-12's status changes while it is away: queued for that session
    const pub = await vehicle('S-12', { clientId: 'S-12:status-unit' });
    for (const s of ['online', 'offline', 'online'])
      await pub.publishAsync('gridwatch/vehicles/S-12/status', s, { qos: 1 });

    const stolen = await attempt('S-4', { clientId: 'S-12', clean: false });
    expect(
      fig.attack('S-4 resumes S-12’s session (clean: false, S-12’s client id)', stolen.outcome !== 'connected'),
    ).toBe(true);
    expect(fig.attack('S-4 receives messages queued for S-12', stolen.got.length === 0)).toBe(true);

    // the owner gets them, and stays connected while S-4 tries again
    const got: string[] = [];
    const back = connect(`mqtt://127.0.0.1:${target.ports.mqtt}`, {
      protocolVersion: 4,
      username: 'S-12',
      password: vehiclePassword('S-12'),
      clientId: 'S-12',
      clean: false,
      reconnectPeriod: 0,
    });
    open.push(back);
    back.on('message', (t) => got.push(t));
    let kicked = false;
    back.on('close', () => (kicked = true));
    await new Promise<void>((r) => back.once('connect', () => r()));
    const t0 = Date.now();
    while (got.length < 3 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(got.length).toBeGreaterThanOrEqual(3);
    const again = await attempt('S-4', { clientId: 'S-12', clean: true });
    expect(fig.attack('S-4 disconnects S-12 by connecting with its client id', again.outcome !== 'connected')).toBe(
      true,
    );
    expect(kicked).toBe(false);
  });
});

describe('retained messages and payload limits', () => {
  it('1 MB retained messages on sub-topics are refused, not kept, not replayed; memory stays flat', async () => {
    const before = target.rssMb();
    let peak = before;
    let refused = 0;
    for (let i = 0; i < 12; i++) {
      const junk = await vehicle('S-4', { clientId: `S-4:junk-${i}` });
      const closed = new Promise<boolean>((r) => {
        const timer = setTimeout(() => r(false), 2500);
        junk.once('close', () => {
          clearTimeout(timer);
          r(true);
        });
      });
      junk.publish(`gridwatch/vehicles/S-4/junk/${i}`, Buffer.alloc(1 << 20, 65), { qos: 1, retain: true });
      if (await closed) refused++;
      else junk.end(true);
      peak = Math.max(peak, target.rssMb());
    }
    const fresh = await vehicle('S-4', { clientId: 'S-4:fresh' });
    const replayed: number[] = [];
    fresh.on('message', (t, p) => t.includes('/junk/') && replayed.push(p.length));
    await fresh.subscribeAsync('gridwatch/vehicles/S-4/#', { qos: 1 });
    await new Promise((r) => setTimeout(r, 2000));
    expect(fig.attack('12 retained 1 MB messages on sub-topics accepted', refused === 12)).toBe(true);
    expect(fig.attack('retained junk replayed to a new subscriber', replayed.length === 0)).toBe(true);
    const after = target.rssMb();
    fig.memory('12 retained 1 MB MQTT messages', { beforeMb: before, afterMb: after, peakMb: peak });
    expect(after - before).toBeLessThan(50);
  });

  it('a packet announcing 200 MB is cut off after its header, not buffered', async () => {
    const c = await vehicle('P-1', { clientId: 'P-1:huge' });
    const gone = new Promise<boolean>((r) => {
      const timer = setTimeout(() => r(false), 10_000);
      c.once('close', () => {
        clearTimeout(timer);
        r(true);
      });
    });
    const stream = (c as unknown as { stream: { write(b: Buffer): void } }).stream;
    stream.write(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x64])); // PUBLISH, remaining length 200 MB
    for (let i = 0; i < 16; i++) stream.write(Buffer.alloc(64 * 1024, 66));
    expect(fig.attack('an MQTT packet announcing 200 MB is read', await gone)).toBe(true);
  });
});

describe('connection limits on the MQTT listener', () => {
  it('closes silent connections, refuses the 101st from one address; an honest vehicle keeps publishing', async () => {
    const p1 = await vehicle('P-1', { clientId: 'P-1:honest' });
    const acceptedBefore = (await telemetryStats()).accepted ?? 0;
    const { result, latency } = await target.healthDuring(async () => {
      const silent: Socket[] = [];
      for (let i = 0; i < 100; i++) silent.push(await silentSocket(target.ports.mqtt, '127.0.0.4'));
      const surplus = await silentSocket(target.ports.mqtt, '127.0.0.4');
      const surplusRefused = await closedWithin(surplus, 3000);
      let acked = 0;
      for (let i = 0; i < 5; i++) {
        const fix = { ts: Date.now(), lat: 40.7178 + i * 1e-5, lon: -74.0431 };
        await p1.publishAsync('gridwatch/vehicles/P-1/position', JSON.stringify(fix), { qos: 1 });
        acked++;
      }
      const closed = await Promise.all(silent.map((s) => closedWithin(s, 20_000)));
      for (const s of [...silent, surplus]) s.destroy();
      return { surplusRefused, acked, closed: closed.filter(Boolean).length };
    });
    fig.latency('/api/health during 101 silent MQTT connections', latency);
    expect(fig.attack('101st MQTT connection from one address', result.surplusRefused)).toBe(true);
    expect(fig.attack('100 silent MQTT connections held open', result.closed === 100)).toBe(true);
    expect(result.acked).toBe(5);
    expect(((await telemetryStats()).accepted ?? 0) - acceptedBefore).toBeGreaterThanOrEqual(1);
    expect(p1.connected).toBe(true);
    expect(latency.p99).toBeLessThan(100);
  });
});

describe('numbers that used to throw', () => {
  it('a ts beyond a Date’s range, fuzzed numbers in every field: rejected with reasons, no error log', async () => {
    const fuzzer = await vehicle('S-4', { clientId: 'S-4:fuzz' });
    const before = await telemetryStats();
    const logBefore = readFileSync(target.logFile, 'utf8').length;
    const edge = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(8.64e15 + 1, 9e15, 1e21, -8.64e15 - 1, Number.MAX_VALUE, -0),
    );
    const payloads = [
      { ts: 9e15, lat: 40.7, lon: -74.05 },
      { _type: 'location', tst: 1e13, lat: 40.7, lon: -74.05 },
      ...fc.sample(
        fc.record({ ts: edge, lat: edge, lon: edge, speed_kmh: edge, heading: edge, accuracy_m: edge }),
        300,
      ),
      ...fc.sample(fc.record({ _type: fc.constant('location'), tst: edge, lat: edge, lon: edge, vel: edge }), 200),
    ];
    for (const p of payloads)
      await fuzzer.publishAsync('gridwatch/vehicles/S-4/position', JSON.stringify(p), { qos: 1 });
    fig.fuzz('numeric edge values in every position field (fast-check)', payloads.length);
    const after = await telemetryStats();
    const stageErrors = (after['rejected.stage_error'] ?? 0) - (before['rejected.stage_error'] ?? 0);
    const log = readFileSync(target.logFile, 'utf8').slice(logBefore);
    expect(fig.attack('ts > 8.64e15 throws inside validation (stage_error)', stageErrors === 0)).toBe(true);
    expect(fig.attack('an error log line per bad message', !log.includes('telemetry stage failed'))).toBe(true);
    expect((after['rejected.bad_field'] ?? 0) - (before['rejected.bad_field'] ?? 0)).toBeGreaterThanOrEqual(2);
    expect(fuzzer.connected).toBe(true);
  });
});
