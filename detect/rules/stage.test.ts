import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { stillClip } from '../../ingest/clip.ts';
import { HitEvidenceRecorder } from '../evidence/capture.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { SceneRechecker } from './recheck.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame } from './scenes.ts';
import { sceneStages } from './testing.ts';
import { resolveZone } from './zones.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const zone = resolveZone(
  {
    id: 'walk',
    name: '人行道',
    camera: 'cam1',
    kind: 'litter-watch',
    polygon: CART_SIDEWALK.map(([x, y]) => [x, y] as [number, number]),
    dwellSeconds: 30,
    clearSeconds: 20,
  },
  { timezone: 'Asia/Shanghai', gridCell: '340702001-0405' },
);

let clean: Frame;
let withBag: Frame;
beforeAll(async () => {
  const meta = { cameraId: 'cam1', ts: 0, seq: 0 };
  clean = await composeFrame(CART_PHOTO, 640, [], meta);
  withBag = await composeFrame(CART_PHOTO, 640, [{ input: await bagCutout(80), x: 0.01, y: 0.6 }], meta);
});

describe('scene-rules stage: real frames → hits with evidence on the bus → re-check', () => {
  it('publishes start / update / end, annotated + clean JPEGs, a clip; re-check sees present, clear', async () => {
    const dataDir = tempDir();
    const store = EvidenceStore.inDataDir(dataDir);
    const clips = {
      clip: (cam: string, from: number, to: number) =>
        stillClip(CART_PHOTO, (to - from) / 1000, path.join(dataDir, 'clips', `${cam}-${from}.mp4`)),
    };
    const recorder = new HitEvidenceRecorder(store, { clips });
    const bus = new EventBus(silentLogger());
    const events: HitEvent[] = [];
    bus.on('hit', (e) => void events.push(e));
    const rules = sceneStages([zone], { bus, log: silentLogger(), recorder });
    const clock = new ManualClock(T0);
    const rechecker = new SceneRechecker(rules, { clock, recorder, minFrames: 3, windowMs: 2000, timeoutMs: 5000 });
    let t = 0;
    const feed = async (frame: Frame, seconds: number): Promise<void> => {
      for (let i = 0; i < seconds; i++, t++) {
        clock.set(T0 + t * 1000);
        const now = clock.now();
        await rules.observe({ frame: { ...frame, ts: now, seq: t }, detections: [], tracks: [], detected: true, now });
      }
    };
    await feed(clean, 10);
    await feed(withBag, 60);
    await rules.idle();

    const start = events.find((e) => e.phase === 'start');
    expect(start).toBeDefined();
    const hit = start!.hit;
    expect(hit).toMatchObject({ rule: 'litter', category: '01-02', gridCell: '340702001-0405', zoneId: 'walk' });
    expect(hit.evidence.map((e) => e.kind)).toEqual(['annotated', 'snapshot']);
    for (const e of hit.evidence) {
      const file = store.fileOf(e);
      expect(existsSync(file)).toBe(true);
      const meta = await sharp(readFileSync(file)).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 640, height: 344 });
    }
    // the clip arrives in a later update of the same hit
    const withClip = events.find((e) => e.phase === 'update' && e.hit.evidence.some((x) => x.kind === 'clip'));
    expect(withClip?.hit.id).toBe(hit.id);
    const clip = withClip!.hit.evidence.find((x) => x.kind === 'clip')!;
    expect(clip.mime).toBe('video/mp4');
    expect(readFileSync(store.fileOf(clip)).subarray(4, 8).toString()).toBe('ftyp');
    expect(rules.activeHits().map((h) => h.id)).toEqual([hit.id]);

    // re-check while the bag is still there
    const still = rechecker.recheck({ cameraId: 'cam1', zoneId: 'walk', hitId: hit.id });
    await feed(withBag, 4);
    const r1 = await still;
    expect(r1.clear).toBe(false);
    expect(r1.before?.sha256).toBe(hit.evidence[0]!.sha256);
    expect(r1.after?.kind).toBe('annotated');

    // cleaned up: the hit ends after clearSeconds and the re-check answers clear with a before/after pair
    const after = rechecker.recheck({ cameraId: 'cam1', zoneId: 'walk', hitId: hit.id });
    await feed(clean, 4);
    const r2 = await after;
    expect(r2).toMatchObject({ clear: true });
    expect(r2.detail).toMatch(/^clear: found in 0 of 3 frames over 2 s in the hit's region$/);
    expect(r2.after!.sha256).not.toBe(r1.after!.sha256);
    expect(existsSync(store.fileOf(r2.after!))).toBe(true);
    await feed(clean, 30);
    const end = events.filter((e) => e.phase === 'end');
    expect(end.map((e) => e.hit.id)).toEqual([hit.id]);
    expect(end[0]!.hit.evidence.map((e) => e.kind)).toEqual(['annotated', 'snapshot', 'clip']);
    expect(events.filter((e) => e.phase === 'start')).toHaveLength(1);
  });

  it('re-check errors name a wrong zone and a camera that sends nothing', async () => {
    const rules = sceneStages([zone], { bus: new EventBus(), log: silentLogger() });
    const rechecker = new SceneRechecker(rules, { clock: new ManualClock(0), timeoutMs: 200 });
    await expect(rechecker.recheck({ cameraId: 'cam2', zoneId: 'walk' })).rejects.toThrow(
      /zone "walk" is not a watched zone of camera "cam2"/,
    );
    await expect(rechecker.recheck({ cameraId: 'cam1', zoneId: 'walk' })).rejects.toThrow(
      /camera "cam1" delivered no frame/,
    );
  });

  it('a malformed frame is refused with a message naming it; the next good frame is analysed', async () => {
    const bus = new EventBus();
    const events: HitEvent[] = [];
    bus.on('hit', (e) => void events.push(e));
    const rules = sceneStages([{ ...zone, dwellMs: 5000 }], { bus, log: silentLogger() });
    const bad: Frame = { ...clean, width: 10_000, data: Buffer.alloc(3) };
    await expect(rules.observe({ frame: bad, detections: [], tracks: [], detected: true, now: T0 })).rejects.toThrow(
      'frame cam1#0: 3 bytes of pixels for 10000×344 RGB24 (expected 10320000)',
    );
    for (let t = 0; t < 20; t++) {
      const frame = { ...(t < 5 ? clean : withBag), ts: T0 + t * 1000 };
      await rules.observe({ frame, detections: [], tracks: [], detected: true, now: frame.ts });
    }
    expect(events.map((e) => e.phase)).toEqual(['start']);
  });

  it('frames the motion gate let skip the detector keep the last detections (a still stall stays seen)', async () => {
    const bus = new EventBus();
    const events: HitEvent[] = [];
    bus.on('hit', (e) => void events.push(e));
    const vend = resolveZone(
      {
        id: 'road',
        camera: 'cam1',
        kind: 'no-vending',
        polygon: [
          [0.3, 0.4],
          [0.7, 0.4],
          [0.7, 1],
          [0.3, 1],
        ],
        dwellSeconds: 30,
      },
      { timezone: 'Asia/Shanghai' },
    );
    const rules = sceneStages([vend], { bus, log: silentLogger() });
    const cart = {
      label: 'bench',
      classId: 13,
      score: 0.32,
      concepts: ['stall-like' as const],
      box: { x1: 280, y1: 175, x2: 350, y2: 285 },
    };
    const vendor = { ...cart, label: 'person', classId: 0, score: 0.8, concepts: ['person' as const] };
    const seen = [cart, { ...vendor, box: { x1: 345, y1: 150, x2: 385, y2: 285 } }];
    for (let t = 0; t < 60; t++) {
      const detected = t % 10 === 0; // the detector re-checks a still scene every 10 s
      await rules.observe({
        frame: { ...clean, ts: T0 + t * 1000 },
        detections: detected ? seen : [],
        tracks: [],
        detected,
        now: T0 + t * 1000,
      });
    }
    expect(events.map((e) => [e.phase, e.hit.rule])).toEqual([['start', 'vending']]);
  });
});
