/**
 * End to end with real photos looped as still cameras: CameraManager (ingest) → DetectPipeline (worker pool with the
 * shipped YOLOX-Nano, motion gate, tracker) → the scene-rules stage → `hit` events with evidence on disk.
 * Frames get synthetic timestamps (2 s apart per camera) so a 10-minute run takes seconds.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { repoRoot, testConfig, waitFor } from '../../kernel/testing.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { CameraManager } from '../../ingest/manager.ts';
import { DetectPipeline } from '../service.ts';
import { RulesModule } from './module.ts';

const STEP_MS = 2000;
const DWELL_S = 60;
const RUN_MS = 10 * 60_000;
const whole: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

describe('real photos looped as cameras through ingest → detect → rules', () => {
  // a day ago, so clips of the still cameras never wait for the future
  const T0 = Math.floor((Date.now() - 86_400_000) / 1000) * 1000;
  const events: HitEvent[] = [];
  const lastTs = new Map<string, number>();
  let cameras: CameraManager;
  let detect: DetectPipeline;
  let rules: RulesModule;

  beforeAll(async () => {
    const { config } = testConfig({
      cameras: [
        { id: 'cart', source: 'demo/media/detectron_street_cart_17790319373.jpg', fps: 25, width: 1116, record: false },
        { id: 'cyclists', source: 'demo/media/detectron_cyclists_33823288584.jpg', fps: 25, width: 956, record: false },
        {
          id: 'traffic',
          source: 'demo/media/detectron_city_traffic_19064748793.jpg',
          fps: 25,
          width: 900,
          record: false,
        },
      ],
      zones: [
        {
          id: 'cart-road',
          camera: 'cart',
          kind: 'no-vending',
          polygon: [
            [0.28, 0.4],
            [0.62, 0.4],
            [0.62, 1],
            [0.28, 1],
          ],
          dwellSeconds: DWELL_S,
          clearSeconds: 60,
        },
        { id: 'cyclists-all', camera: 'cyclists', kind: 'no-vending', polygon: whole, dwellSeconds: DWELL_S },
        { id: 'traffic-all', camera: 'traffic', kind: 'no-vending', polygon: whole, dwellSeconds: DWELL_S },
      ],
      models: { dir: 'models', workers: 1 },
    });
    const bus = new EventBus(silentLogger());
    bus.on('hit', (e) => void events.push(e));
    const ctx: AppContext = {
      config,
      baseDir: repoRoot,
      dataDir: config.dataDir,
      bus,
      log: silentLogger(),
      clock: new ManualClock(T0),
      startedAt: T0,
    };
    rules = new RulesModule(ctx, { clips: () => cameras });
    detect = new DetectPipeline(ctx, { scene: rules.stages });
    const synthetic = (f: Frame): Frame => ({ ...f, ts: T0 + f.seq * STEP_MS });
    cameras = new CameraManager(ctx, {
      onFrame: (f) => {
        const s = synthetic(f);
        if (s.ts - T0 > RUN_MS) return;
        lastTs.set(f.cameraId, s.ts);
        detect.push(s);
      },
    });
    await rules.start();
    await detect.start();
    await cameras.start();
  }, 60_000);

  afterAll(async () => {
    await cameras?.stop();
    await detect?.stop();
    await rules?.stop();
  });

  it('the cart: one vending hit soon after the dwell over a 10-minute run; cyclists, traffic none', async () => {
    await waitFor(() => ['cart', 'cyclists', 'traffic'].every((c) => (lastTs.get(c) ?? 0) - T0 >= RUN_MS), 50_000, 100);
    await detect.idle();
    await rules.idle();
    const starts = events.filter((e) => e.phase === 'start');
    expect(starts.map((e) => e.hit.cameraId)).toEqual(['cart']);
    const hit = starts[0]!.hit;
    expect(hit).toMatchObject({ rule: 'vending', category: '05-04', zoneId: 'cart-road', repeat: 1 });
    // announced within dwell + a few seconds of the first frame (the detector re-checks a still scene every 10 s)
    expect(hit.lastSeen - T0).toBeGreaterThanOrEqual(DWELL_S * 1000);
    expect(hit.lastSeen - T0).toBeLessThanOrEqual(DWELL_S * 1000 + 12_000);
    expect(hit.boxes.some((b) => b.label === 'bench')).toBe(true);
    expect(hit.boxes.some((b) => b.label === 'person')).toBe(true);
    expect(events.filter((e) => e.phase === 'end')).toHaveLength(0);
    expect(new Set(events.map((e) => e.hit.id)).size).toBe(1);
    for (const e of hit.evidence) expect(existsSync(path.join(rules.store.dir, e.path))).toBe(true);
    expect(hit.evidence.map((e) => e.kind)).toEqual(['annotated', 'snapshot']);
    // the still camera's clip arrives in an update
    const clip = events.find((e) => e.hit.evidence.some((x) => x.kind === 'clip'));
    expect(clip?.phase).toBe('update');
  }, 60_000);
});
