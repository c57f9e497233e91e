/**
 * A camera that moves between video nodes does not open a second case. Two "nodes" (each its own scene rules, rule
 * handover and hit publisher) share one database with the cases module, which receives their hits as the core does.
 * Node A sees a stall until a hit opens a case, then dies (no release, no last save); node B takes the lease after it
 * ran out and sees the same stall.
 */
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { CameraStateStore } from '../../kernel/cluster/camera-state.ts';
import { LeaseStore } from '../../kernel/cluster/leases.ts';
import { clusterMigrations } from '../../kernel/cluster/migrations.ts';
import { openDatabase, openPostgres, type Db } from '../../kernel/db.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { Detection } from '../../kernel/types/index.ts';
import { startCases, type Harness } from '../../cases/fixture.ts';
import { MaskFeed } from '../../cases/verdicts/mask-feed.ts';
import { sceneFrame } from '../camera-stages.ts';
import { HitPublisher } from '../evidence/publisher.ts';
import { RuleHandover } from './handover.ts';
import { SceneRules } from './stage.ts';
import { staffed, testZone, H, W } from './testing.ts';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const log = silentLogger();
const zone = testZone({ id: 'z-vend', camera: 'cam-1', category: '05-04', dwellSeconds: 60, clearSeconds: 30 });
const pixels = Buffer.alloc(W * H * 3);

let h: Harness | undefined;
const nodeDbs: Db[] = [];
afterEach(async () => {
  for (const db of nodeDbs.splice(0)) db.close();
  await h?.stop();
});

function videoNode(name: string, db: Db, clock: ManualClock, bus: EventBus, handover: boolean) {
  const rules = new SceneRules([zone], { log });
  const hits = new HitPublisher({ bus, log });
  const leases = new LeaseStore(db, clock);
  let generation: number | undefined;
  const store = new CameraStateStore(db);
  const ho = new RuleHandover(rules, { store, nodeId: name, generationOf: () => generation, clock, log });
  const stage = handover ? ho.stage() : rules;
  return {
    rules,
    acquire(): number | undefined {
      generation = leases.tryAcquire('camera:cam-1', name, 15_000)?.generation;
      if (generation !== undefined && handover) ho.acquire('cam-1', generation);
      return generation;
    },
    /** One frame a second from `from` to `to` seconds, the lease renewed every 5 s (as the keeper does). */
    async see(from: number, to: number, scene: (t: number) => Detection[]): Promise<void> {
      for (let t = from; t < to; t++) {
        const now = T0 + t * 1000;
        clock.set(now);
        if (t % 5 === 0) expect(leases.renew('camera:cam-1', name, generation ?? -1, 15_000)).toBe(true);
        const frame = { cameraId: 'cam-1', ts: now, seq: t, width: W, height: H, data: pixels };
        hits.push(stage.step(sceneFrame({ frame, detections: scene(t), tracks: [], detected: true, now })));
      }
      await hits.published();
    },
  };
}

/** The cases module as the core, on this backend; the video nodes' own connection to the same database. */
let backend: () => Record<string, unknown> = () => ({});
let dialect: Db['dialect'] = 'sqlite';

async function setup() {
  const dir = tempDir('gw-handover-');
  const clock = new ManualClock(T0);
  const database = backend();
  h = await startCases(dir, clock, database);
  const url = (database.database as { url?: string } | undefined)?.url;
  const db = url
    ? openPostgres(url, clusterMigrations)
    : openDatabase(path.join(dir, 'gridwatch.db'), clusterMigrations);
  nodeDbs.push(db);
  expect([h.store.db.dialect, db.dialect]).toEqual([dialect, dialect]);
  const events: HitEvent[] = [];
  h.bus.on('hit', (e) => void events.push(e));
  const cases = (): string[] => h!.store.db.prepare('SELECT id FROM cases').pluck().all() as string[];
  const refs = (): string[] => h!.store.db.prepare('SELECT ref FROM case_refs ORDER BY ref').pluck().all() as string[];
  const starts = (): string[] => events.filter((e) => e.phase === 'start').map((e) => e.hit.id);
  return { clock, db, bus: h.bus, events, cases, refs, starts };
}

/** Node a sees the stall from 0 to 100 s (a hit at 60 s opens a case), then dies; b takes the lease at 116 s. */
async function moved(handover: boolean) {
  const s = await setup();
  const a = videoNode('video-a', s.db, s.clock, s.bus, true);
  expect(a.acquire()).toBe(1);
  await a.see(0, 100, () => staffed(0.5, 0.8));
  expect(s.starts()).toHaveLength(1);
  expect(s.cases()).toHaveLength(1);
  const b = videoNode('video-b', s.db, s.clock, s.bus, handover);
  s.clock.set(T0 + 109_000);
  expect(b.acquire()).toBeUndefined(); // a's lease (renewed at 95 s) still runs
  s.clock.set(T0 + 116_000);
  expect(b.acquire()).toBe(2);
  return { s, b };
}

describeBackends('a camera moving to another video node (the node it ran on died)', (_open, ctx) => {
  beforeAll(() => {
    backend = ctx.database;
    dialect = ctx.dialect;
  });

  it('with the rule state handed over: the same hit goes on (updates of the one case), no new start', async () => {
    const { s, b } = await moved(true);
    const hitId = s.starts()[0]!;
    expect(b.rules.activeHits().map((x) => x.id)).toEqual([hitId]);
    await b.see(116, 300, () => staffed(0.5, 0.8));
    expect(s.starts()).toEqual([hitId]);
    const later = s.events.filter((e) => e.hit.id === hitId && e.hit.lastSeen > T0 + 116_000);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.phase === 'update')).toBe(true);
    expect(s.cases()).toHaveLength(1);
    expect(s.refs()).toEqual([`hit:${hitId}`]);
    // the stall leaves: the hit ends on b, once
    await b.see(300, 360, () => []);
    expect(s.events.filter((e) => e.phase === 'end').map((e) => e.hit.id)).toEqual([hitId]);
  });

  it('without it (state lost): a new hit, but the cases module attaches it to the open case of the zone', async () => {
    const { s, b } = await moved(false);
    await b.see(116, 300, () => staffed(0.5, 0.8));
    expect(s.starts()).toHaveLength(2); // the problem was found again after a new dwell
    expect(s.cases()).toHaveLength(1);
    expect(s.refs()).toHaveLength(2);
  });

  it('a stale node cannot overwrite the state of the newer lease holder', async () => {
    const { s } = await moved(true);
    const store = new CameraStateStore(s.db);
    expect(store.load('cam-1')).toMatchObject({ nodeId: 'video-a', generation: 1 });
    expect(store.save('cam-1', 'video-b', 2, s.clock.now(), { v: 1, zones: {} })).toBe(true);
    expect(store.save('cam-1', 'video-a', 1, s.clock.now(), { v: 1, zones: {} })).toBe(false);
    expect(store.load('cam-1')).toMatchObject({ nodeId: 'video-b', generation: 2 });
  });

  it('false-alarm masks follow the camera: a judged spot stays suppressed on the new node (no case)', async () => {
    const { s, b } = await moved(false);
    const hitId = s.starts()[0]!;
    const op = { id: 'op', role: 'operator' as const };
    expect(h!.module.verdicts.judgeHit(hitId, { verdict: 'false', reason: 'wrong-object' }, op).ok).toBe(true);
    // b's own bus: the masks come from the database through the feed, not from the core's bus
    const nodeBus = new EventBus(log);
    nodeBus.on('suppressions.changed', (e) => b.rules.setMasks(e.cameraId, e.masks));
    const feed = new MaskFeed({ db: s.db, bus: nodeBus, clock: s.clock, log, cameras: () => ['cam-1'] });
    feed.refresh('cam-1');
    await b.see(116, 300, () => staffed(0.5, 0.8));
    const second = s.events.find((e) => e.phase === 'start' && e.hit.id !== hitId);
    expect(second?.hit.suppressed).toMatchObject({ maskId: expect.any(String) });
    expect(s.cases()).toHaveLength(1); // the judged case only (cancelled), nothing new
  });
});
