import { afterEach, describe, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import { type Db, openDatabase } from '../kernel/db.ts';
import { silentLogger } from '../kernel/log.ts';
import { ClusterConsumer, type LeaseView } from './consumer.ts';
import { ClusterTopics } from './messages.ts';
import { clusterBridgeMigrations } from './migrations.ts';
import { capturedLogger, hitPayload, testHit } from './testing.ts';

const topics = new ClusterTopics('gridwatch');
let db: Db | undefined;
afterEach(() => db?.close());

function consumer(leases?: LeaseView, log = silentLogger()) {
  db = openDatabase(':memory:', clusterBridgeMigrations);
  const bus = new EventBus(log);
  const seen: HitEvent[] = [];
  bus.on('hit', (e) => void seen.push(e));
  const store = db;
  const c = new ClusterConsumer({
    url: 'mqtt://127.0.0.1:1',
    clientId: 'test',
    sessionExpirySeconds: 60,
    topics,
    db: () => store,
    bus,
    log,
    clock: systemClock,
    ...(leases ? { leases: () => leases } : {}),
  });
  return { c, seen };
}

describe('the core takes findings from the broker', () => {
  it('puts a hit on the bus once: a redelivered message (same id) changes nothing', () => {
    const { c, seen } = consumer();
    const payload = hitPayload(testHit('h1'), { msgId: 'video-1:b:1' });
    c.handle(topics.hit('cam-1'), payload);
    c.handle(topics.hit('cam-1'), payload);
    expect(seen.map((e) => e.hit.id)).toEqual(['h1']);
    expect(c.counts).toMatchObject({ received: 2, processed: 1, duplicates: 1, hits: 1 });
    expect(db!.prepare('SELECT ref FROM cluster_processed').pluck().all()).toEqual(['hit:h1']);
  });

  it('a later message about the same hit (its end) is a new message and goes on', () => {
    const { c, seen } = consumer();
    c.handle(topics.hit('cam-1'), hitPayload(testHit('h1'), { msgId: 'v:b:1' }));
    c.handle(topics.hit('cam-1'), hitPayload(testHit('h1'), { msgId: 'v:b:2', phase: 'end' }));
    expect(seen.map((e) => e.phase)).toEqual(['start', 'end']);
  });

  it('drops and counts hits from a node that does not hold the camera, or with a stale generation', () => {
    const holder: LeaseView = {
      current: (name) => (name === 'camera:cam-1' ? { nodeId: 'video-1', generation: 3 } : undefined),
    };
    const cap = capturedLogger();
    const { c, seen } = consumer(holder, cap.log);
    c.handle(topics.hit('cam-1'), hitPayload(testHit('a'), { nodeId: 'video-2', generation: 3 }));
    c.handle(topics.hit('cam-1'), hitPayload(testHit('b'), { nodeId: 'video-1', generation: 2 }));
    c.handle(topics.hit('cam-9'), hitPayload(testHit('c', 'cam-9'), { nodeId: 'video-1', generation: 3 }));
    c.handle(topics.hit('cam-1'), hitPayload(testHit('d'), { nodeId: 'video-1', generation: 3 }));
    expect(seen.map((e) => e.hit.id)).toEqual(['d']);
    expect(c.dropped).toEqual({ invalid: 0, notHolder: 2, staleGeneration: 1 });
    expect(c.droppedByNode.get('video-1')).toBe(2);
    const logged = cap.lines().filter((l) => l.msg === 'cluster finding dropped');
    expect(logged.map((l) => [l.node, l.reason])).toEqual([
      ['video-2', 'notHolder'],
      ['video-1', 'staleGeneration'],
      ['video-1', 'notHolder'],
    ]);
  });

  it('accepts a hit of an earlier generation sent before the current holder took the camera (an outbox, late)', () => {
    const takenAt = Date.now() - 60_000;
    const holder: LeaseView = {
      current: (name) =>
        name === 'camera:cam-1' ? { nodeId: 'video-2', generation: 4, acquiredAt: takenAt } : undefined,
    };
    const cap = capturedLogger();
    const { c, seen } = consumer(holder, cap.log);
    const payload = (id: string, generation: number, sentAt: number): Buffer => {
      const raw = JSON.parse(hitPayload(testHit(id), { nodeId: 'video-1', generation }).toString());
      return Buffer.from(JSON.stringify({ ...raw, sentAt }));
    };
    c.handle(topics.hit('cam-1'), payload('made-before', 3, takenAt - 5000)); // video-1's, under generation 3
    c.handle(topics.hit('cam-1'), payload('made-after', 3, takenAt + 5000)); // a zombie: after the move
    c.handle(topics.hit('cam-1'), payload('future-gen', 5, takenAt - 5000)); // not an earlier generation
    expect(seen.map((e) => e.hit.id)).toEqual(['made-before']);
    expect(c.counts.late).toBe(1);
    expect(c.dropped).toMatchObject({ notHolder: 2 });
    expect(cap.lines().some((l) => String(l.msg).startsWith('hit made under an earlier lease'))).toBe(true);
  });

  it('refuses malformed messages with the reason, and keeps going', () => {
    const cap = capturedLogger();
    const { c, seen } = consumer(undefined, cap.log);
    c.handle(topics.hit('cam-1'), Buffer.from('{not json'));
    const bad = JSON.parse(hitPayload(testHit('x')).toString());
    bad.event.hit.evidence = [{ sha256: 'a'.repeat(64), path: '../../etc/passwd', mime: 'image/jpeg', kind: 'x' }];
    c.handle(topics.hit('cam-1'), Buffer.from(JSON.stringify(bad)));
    c.handle(topics.hit('cam-1'), hitPayload(testHit('ok')));
    expect(seen.map((e) => e.hit.id)).toEqual(['ok']);
    expect(c.dropped.invalid).toBe(2);
    const errors = cap
      .lines()
      .filter((l) => l.reason === 'invalid')
      .map((l) => String(l.error));
    expect(errors[0]).toMatch(/not JSON/);
    expect(errors[1]).toMatch(/evidence path/);
  });

  it("keeps the nodes' heartbeats", () => {
    const { c } = consumer();
    const hb = { nodeId: 'video-1', role: 'video', version: '1', startedAt: 1, at: 2, online: true, cameras: ['a'] };
    c.handle(
      topics.node('video-1'),
      Buffer.from(JSON.stringify({ ...hb, vehicles: [], spool: 0, unacked: 0, published: 3 })),
    );
    expect(c.nodes.get('video-1')?.cameras).toEqual(['a']);
  });

  it('a message that fails (the database is away) is retried until it goes through, once', async () => {
    const { c, seen } = consumer();
    const real = db!;
    let down = 3;
    const flaky = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'transaction' && down > 0) {
          down--;
          return () => () => {
            throw new Error('connection terminated');
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    (c as unknown as { opts: { db: () => Db } }).opts.db = () => flaky;
    const t0 = Date.now();
    await c.deliver(topics.hit('cam-1'), hitPayload(testHit('late'), { msgId: 'v:b:9' }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500 + 1000 + 2000 - 50); // 0.5 s, 1 s, 2 s
    expect(seen.map((e) => e.hit.id)).toEqual(['late']);
    expect(c.counts).toMatchObject({ failed: 3, processed: 1 });
    expect(c.health().state).toBe('degraded'); // not connected in this test; the error itself is cleared
    expect(c.health().detail).not.toMatch(/waiting/);
  }, 20_000);

  it('two cores on one database: a finding both receive is acted on by one of them', () => {
    const a = consumer();
    const busB = new EventBus(silentLogger());
    const seenB: HitEvent[] = [];
    busB.on('hit', (e) => void seenB.push(e));
    const store = db!;
    const b = new ClusterConsumer({
      url: 'mqtt://127.0.0.1:1',
      clientId: 'core-2',
      sessionExpirySeconds: 60,
      topics,
      db: () => store,
      bus: busB,
      log: silentLogger(),
      clock: systemClock,
    });
    const payload = hitPayload(testHit('both'), { msgId: 'video-1:b:7' });
    a.c.handle(topics.hit('cam-1'), payload);
    b.handle(topics.hit('cam-1'), payload);
    expect(a.seen.length + seenB.length).toBe(1);
    expect(b.counts.duplicates).toBe(1);
  });
});
