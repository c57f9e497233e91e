/**
 * The bridge over a real mosquitto: a video node's hits and a telemetry node's violations reach the core's bus once
 * each, also those published while the core was away (its persistent session keeps them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import { type Db, openDatabase } from '../kernel/db.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import type { Violation } from '../kernel/types/index.ts';
import { hasMosquitto, Mosquitto } from '../telemetry/testing/mosquitto.ts';
import { ClusterConsumer } from './consumer.ts';
import { ClusterTopics } from './messages.ts';
import { clusterBridgeMigrations } from './migrations.ts';
import { FindingsOutbox } from './outbox.ts';
import { ClusterPublisher } from './publisher.ts';
import { testHit } from './testing.ts';

const topics = new ClusterTopics(`gw${process.pid}`);
const log = silentLogger();

describe.skipIf(!hasMosquitto)('cluster bridge over mosquitto', () => {
  let mosq: Mosquitto;
  let db: Db;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    mosq = await Mosquitto.start();
    db = openDatabase(`${tempDir('gw-core-')}/core.db`, clusterBridgeMigrations);
  });
  afterAll(async () => {
    for (const s of stops.reverse()) await s();
    db?.close();
    await mosq?.stop('SIGKILL');
  });

  const broker = (clientId: string) => ({ url: mosq.url, clientId, sessionExpirySeconds: 3600 });
  const core = async (bus: EventBus) => {
    const c = new ClusterConsumer({ ...broker('core-1'), topics, db: () => db, bus, log, clock: systemClock });
    await c.start();
    await waitFor(() => c.health().stats?.subscribed === true);
    return c;
  };
  const node = async (role: 'video' | 'telemetry', id: string) => {
    const bus = new EventBus(log);
    const p = new ClusterPublisher({
      ...broker(id),
      nodeId: id,
      role,
      version: 't',
      startedAt: 0,
      topics,
      bus,
      log,
      cameras: { held: () => ['cam-1'], generationOf: (c) => (c === 'cam-1' ? 7 : undefined) },
    });
    await p.start();
    stops.push(() => p.stop());
    return { p, bus };
  };

  it('hits and violations arrive once each, also those sent while the core was stopped', async () => {
    const coreBus = new EventBus(log);
    const hits: string[] = [];
    const violations: string[] = [];
    coreBus.on('hit', (e) => void hits.push(e.hit.id));
    coreBus.on('violation', (e) => void violations.push(e.violation.id));
    let c = await core(coreBus);
    const video = await node('video', 'video-1');
    const tele = await node('telemetry', 'tele-1');
    for (let i = 0; i < 50; i++) video.bus.emit('hit', { phase: 'start', hit: testHit(`a${i}`) });
    video.bus.emit('hit', { phase: 'start', hit: testHit('other', 'cam-2') }); // not held: not published
    const v = { id: 'v1', kind: 'late-start', category: '90-01', vehicleId: 'S-1', planId: 'p', start: 1 };
    tele.bus.emit('violation', {
      phase: 'start',
      violation: { ...v, where: { lat: 1, lon: 1 }, description: 'x', track: [], missedSegments: [] } as Violation,
    });
    await waitFor(() => hits.length === 50 && violations.length === 1, 20_000);
    expect(video.p.counts.notHeld).toBe(1);
    await waitFor(() => c.nodes.has('video-1') && c.nodes.has('tele-1'));
    expect(c.nodes.get('video-1')?.cameras).toEqual(['cam-1']);

    await c.stop(); // the core is away …
    for (let i = 0; i < 50; i++) video.bus.emit('hit', { phase: 'start', hit: testHit(`b${i}`) });
    await waitFor(() => video.p.unacked === 0, 20_000); // … the broker has them
    c = await core(coreBus);
    stops.push(() => c.stop());
    await waitFor(() => hits.length === 100, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toHaveLength(100);
    expect(new Set(hits).size).toBe(100);
    expect(db.prepare('SELECT COUNT(*) FROM cluster_processed').pluck().get()).toBe(101);
  }, 60_000);

  it('outbox leftovers go first at start; a copy the core already had changes nothing', async () => {
    const coreBus = new EventBus(log);
    const hits: string[] = [];
    coreBus.on('hit', (e) => void hits.push(e.hit.id));
    // its own topics and session: the first test's core is still subscribed
    const topics = new ClusterTopics(`gw${process.pid}o`);
    const c = new ClusterConsumer({ ...broker('core-o'), topics, db: () => db, bus: coreBus, log, clock: systemClock });
    await c.start();
    stops.push(() => c.stop());
    await waitFor(() => c.health().stats?.subscribed === true);
    const dir = `${tempDir('gw-outbox-')}/findings`;
    const video = (bus: EventBus) =>
      new ClusterPublisher({
        ...broker('video-9'),
        nodeId: 'video-9',
        role: 'video',
        version: 't',
        startedAt: 0,
        topics,
        bus,
        log,
        cameras: { held: () => ['cam-1'], generationOf: () => 7 },
        outbox: new FindingsOutbox({ dir, max: 1000, log }),
      });
    const busA = new EventBus(log);
    const a = video(busA);
    await a.start();
    for (let i = 0; i < 5; i++) busA.emit('hit', { phase: 'start', hit: testHit(`o${i}`) });
    await waitFor(() => hits.length === 5 && a.health().stats?.outbox === 0, 20_000);
    // a run that died after the broker had a message but before its PUBACK: the message is still in the outbox
    const again = new FindingsOutbox({ dir, max: 1000, log });
    again.open();
    const delivered = db.prepare("SELECT msg_id FROM cluster_processed WHERE ref = 'hit:o2'").pluck().get() as string;
    const payload = JSON.stringify({
      kind: 'hit',
      msgId: delivered,
      nodeId: 'video-9',
      seq: 3,
      sentAt: Date.now(),
      generation: 7,
      event: { phase: 'start', hit: testHit('o2') },
    });
    again.add(topics.hit('cam-1'), payload);
    again.add(
      topics.hit('cam-1'),
      JSON.stringify({
        ...JSON.parse(payload),
        msgId: 'video-9:old:99',
        event: {
          phase: 'start',
          hit: testHit('left'),
        },
      }),
    );
    await a.stop();
    const busB = new EventBus(log);
    const b = video(busB);
    await b.start();
    stops.push(() => b.stop());
    expect(b.counts.republished).toBe(2);
    busB.emit('hit', { phase: 'start', hit: testHit('new') });
    await waitFor(() => hits.length === 7 && b.health().stats?.outbox === 0, 20_000);
    expect(hits.slice(5)).toEqual(['left', 'new']); // the leftover first; the copy of o2 not acted on again
    await waitFor(() => c.counts.duplicates === 1);
    expect(db.prepare("SELECT COUNT(*) FROM cluster_processed WHERE ref = 'hit:o2'").pluck().get()).toBe(1);
  }, 60_000);
});
