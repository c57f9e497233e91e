/** Zone thresholds edited live (SceneRules.setZones): the runner keeps its state; any other edit restarts the zone. */
import { describe, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../../kernel/bus.ts';
import { silentLogger } from '../../kernel/log.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { sceneStages, staffed, testZone, H, W } from './testing.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const frame: Frame = { cameraId: 'cam1', ts: 0, seq: 0, width: W, height: H, data: Buffer.alloc(W * H * 3) };

async function run(edit: (z: ReturnType<typeof testZone>) => ReturnType<typeof testZone>) {
  const bus = new EventBus();
  const starts: { at: number; start: number }[] = [];
  bus.on('hit', (e: HitEvent) => void (e.phase === 'start' && starts.push({ at: e.hit.lastSeen, start: e.hit.start })));
  const zone = testZone({ dwellSeconds: 60 });
  const stages = sceneStages([zone], { bus, log: silentLogger() });
  const feed = async (from: number, to: number): Promise<void> => {
    for (let t = from; t < to; t++) {
      const now = T0 + t * 1000;
      const input = { frame: { ...frame, ts: now, seq: t }, detections: staffed(0.5, 0.8), tracks: [], detected: true };
      await stages.observe({ ...input, now });
    }
  };
  await feed(0, 40);
  stages.rules.setZones([edit(zone)]);
  await feed(40, 120);
  return starts;
}

describe('zone edits applied live', () => {
  it('a shorter dwell (a threshold) applies at once and keeps what the zone had seen', async () => {
    expect(await run((z) => ({ ...z, dwellMs: 30_000 }))).toEqual([{ at: T0 + 40_000, start: T0 }]);
  });
  it('a min score above the stall (0.45): nothing more counts (its vendor alone is no stall)', async () => {
    expect(await run((z) => ({ ...z, minScore: 0.5 }))).toEqual([]);
  });
  it('a changed polygon restarts the zone: the dwell counts again from the edit', async () => {
    const moved = (z: ReturnType<typeof testZone>) => ({
      ...z,
      polygon: z.polygon.map(([x, y]) => [x, y] as [number, number]).concat([[0.2, 0.99]]),
    });
    expect(await run(moved)).toEqual([{ at: T0 + 100_000, start: T0 + 40_000 }]);
  });
});
