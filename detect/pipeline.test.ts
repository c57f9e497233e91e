import { describe, expect, it } from 'vitest';
import { modelsSchema } from '../kernel/config/models.ts';
import { silentLogger } from '../kernel/log.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';
import type { SceneFrame, SceneStage } from './camera-stages.ts';
import type { FrameDetections } from './detector.ts';
import { CameraPipeline } from './pipeline.ts';
import { DetectStats } from './stats.ts';
import { det, solidFrame } from './testing.ts';

const timing = { preMs: 1, inferMs: 2, postMs: 3 };

/** A detector that answers when released, recording what it was asked. */
function gatedDetector(answer: (f: Frame) => Detection[]): {
  detect: (m: string, f: Frame) => Promise<FrameDetections>;
  seen: number[];
  releaseAll: () => void;
} {
  const seen: number[] = [];
  const waiting: (() => void)[] = [];
  return {
    seen,
    releaseAll: () => {
      for (const r of waiting.splice(0)) r();
    },
    detect: (_m, f) => {
      seen.push(f.seq);
      return new Promise((resolve) => waiting.push(() => resolve({ detections: answer(f), timing })));
    },
  };
}

function pipeline(
  detect: (m: string, f: Frame) => Promise<FrameDetections>,
  stages: SceneStage[],
  opts: Record<string, unknown> = {},
): { cam: CameraPipeline; stats: DetectStats } {
  const stats = new DetectStats();
  const config = modelsSchema.parse({
    maxQueuePerCamera: 2,
    motion: { enabled: false },
    tracker: { minHits: 1 },
    ...opts,
  });
  return {
    cam: new CameraPipeline({
      cameraId: 'cam',
      model: 'm',
      config,
      detect,
      scene: () => ({
        rules: { step: (s) => ({ frame: s.frame, now: s.now, changes: [] }) },
        taps: stages,
        findings: { push: () => {} },
      }),
      stats,
      log: silentLogger(),
    }),
    stats,
  };
}

const frame = (seq: number): Frame => solidFrame(64, 36, [seq * 10, 0, 0], { seq, ts: 1000 * seq });

describe('CameraPipeline', () => {
  it('runs motion → detect → track → scene stages in order, per frame', async () => {
    const seen: SceneFrame[] = [];
    const { cam, stats } = pipeline(
      async () => ({ detections: [det('person', 0.9, [1, 1, 20, 30])], timing }),
      [{ name: 'rec', observe: (i) => void seen.push(i) }],
    );
    for (let i = 0; i < 3; i++) {
      cam.push(frame(i));
      await cam.idle();
    }
    expect(seen.map((s) => [s.frame.seq, s.now, s.detected, s.detections.length, s.tracks.map((t) => t.id)])).toEqual([
      [0, 0, true, 1, [1]],
      [1, 1000, true, 1, [1]],
      [2, 2000, true, 1, [1]],
    ]);
    expect(stats.snapshot(2000)).toMatchObject({ received: 3, analysed: 3, dropped: 0, inferenceMs: 2 });
  });

  it('drops the oldest waiting frame when the detector falls behind, and counts it', async () => {
    const d = gatedDetector(() => []);
    const order: number[] = [];
    const { cam, stats } = pipeline(d.detect, [{ name: 'rec', observe: (i) => void order.push(i.frame.seq) }]);
    for (let i = 0; i < 6; i++) cam.push(frame(i)); // 0 is in the detector, 1..5 queue behind it (capacity 2)
    expect(stats.dropped).toBe(3);
    while (order.length < 3) {
      d.releaseAll();
      await new Promise((r) => setTimeout(r, 5));
    }
    await cam.idle();
    expect(order).toEqual([0, 4, 5]);
    expect(d.seen).toEqual([0, 4, 5]);
  });

  it('logs and skips a failing scene stage or a failed detection; the camera goes on', async () => {
    const calls: string[] = [];
    let fail = true;
    const detect = async (_m: string, f: Frame): Promise<FrameDetections> => {
      if (f.seq === 1) throw new Error('worker died');
      return { detections: [], timing };
    };
    const stages: SceneStage[] = [
      {
        name: 'bad',
        observe: () => {
          if (fail) throw new Error('boom');
        },
      },
      { name: 'good', observe: async (i) => void calls.push(`good#${i.frame.seq}`) },
    ];
    const { cam, stats } = pipeline(detect, stages);
    for (let i = 0; i < 3; i++) {
      cam.push(frame(i));
      await cam.idle();
      fail = false;
    }
    expect(calls).toEqual(['good#0', 'good#2']);
    expect(stats).toMatchObject({ stageErrors: 1, failed: 1, analysed: 2 });
  });

  it('skips the detector on still frames and holds the tracks', async () => {
    const d = { n: 0 };
    const inputs: SceneFrame[] = [];
    const detect = async (): Promise<FrameDetections> => {
      d.n++;
      return { detections: [det('chair', 0.7, [10, 10, 30, 30])], timing };
    };
    const { cam, stats } = pipeline(detect, [{ name: 'rec', observe: (i) => void inputs.push(i) }], {
      motion: { enabled: true, recheckSeconds: 5 },
      tracker: { minHits: 2 },
    });
    for (let i = 0; i < 8; i++) {
      cam.push(solidFrame(64, 36, [90, 90, 90], { seq: i, ts: 1000 * i }));
      await cam.idle();
    }
    // frame 0 (first), frame 1 (a new track waits for confirmation), frame 6 (re-check 5 s after the last run)
    expect(d.n).toBe(3);
    expect(inputs.map((i) => i.detected)).toEqual([true, true, false, false, false, false, true, false]);
    expect(inputs[0]?.tracks).toEqual([]);
    expect(inputs[3]?.tracks[0]).toMatchObject({ id: 1, label: 'chair', lastSeen: 3000 });
    expect(stats.skippedStill).toBe(5);
  });
});
