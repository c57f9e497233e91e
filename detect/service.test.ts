import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../kernel/bus.ts';
import { ManualClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { repoRoot, testConfig } from '../kernel/testing.ts';
import { readImageFrame } from '../ingest/image.ts';
import type { SceneFrame } from './camera-stages.ts';
import { DetectPipeline } from './service.ts';

const cart = path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg');
const started: DetectPipeline[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((d) => d.stop()));
});

function context(models: Record<string, unknown>, clock = new ManualClock(1_000_000)): AppContext {
  const { config, baseDir } = testConfig({
    models: { workers: 1, ...models },
    cameras: [
      { id: 'c1', source: cart, width: 416, fps: 1 },
      { id: 'c2', source: cart, width: 416, model: 'yolox-nano-dynamic' },
    ],
  });
  return { config, baseDir, dataDir: config.dataDir, bus: new EventBus(), log: silentLogger(), clock, startedAt: 0 };
}

describe('DetectPipeline (detector component) with real worker threads', () => {
  it('detects and tracks frames of two cameras with their own models, and reports health', async () => {
    const clock = new ManualClock(1_000_000);
    const seen: SceneFrame[] = [];
    const d = new DetectPipeline(context({}, clock), { taps: [{ name: 'rec', observe: (i) => void seen.push(i) }] });
    started.push(d);
    expect(d.health().state).toBe('starting');
    d.push(await readImageFrame(cart, { cameraId: 'c1' })); // before start: dropped and counted
    await d.start();
    expect(d.modelFor('c2')).toBe('yolox-nano-dynamic');
    for (let i = 0; i < 3; i++) {
      for (const cam of ['c1', 'c2'])
        d.push(await readImageFrame(cart, { cameraId: cam, width: 416, ts: 1_000_000 + i * 1000, seq: i }));
    }
    await d.idle();
    const first = seen.find((s) => s.frame.cameraId === 'c1');
    expect(first?.detections.map((x) => x.label)).toEqual(expect.arrayContaining(['person', 'car', 'motorcycle']));
    // Frame 1 confirms the new tracks; frame 2 is the same still picture: the detector is skipped, tracks held.
    const c1 = d.latest('c1');
    expect(c1).toMatchObject({ detected: false, detections: [] });
    expect(c1?.tracks.length).toBeGreaterThanOrEqual(3);
    expect(d.latest('c2')?.tracks.some((t) => t.label === 'person' && t.concepts.includes('person'))).toBe(true);
    expect(seen).toHaveLength(6);
    clock.set(1_001_000);
    const h = d.health();
    expect(h.state).toBe('ok');
    expect(h.stats).toMatchObject({ cameras: 2, received: 7, dropped: 1, analysed: 4, skippedStill: 2, workers: 1 });
    expect(Number(h.stats?.inferenceMs)).toBeGreaterThan(0);
    const once = await d.detectOnce(await readImageFrame(cart, { cameraId: 'c1', width: 416 }));
    expect(once.detections.length).toBeGreaterThan(3);
    await d.stop();
    expect(d.health().state).toBe('down');
  });

  it('refuses to start, naming the model, when a camera names a model that is not there', async () => {
    const ctx = context({});
    const bad = {
      ...ctx,
      config: { ...ctx.config, cameras: [{ ...ctx.config.cameras[0]!, model: 'city-litter-v2' }] },
    };
    const d = new DetectPipeline(bad);
    started.push(d);
    await expect(d.start()).rejects.toThrow(/model "city-litter-v2": folder .*models\/city-litter-v2 does not exist/);
  });
});
