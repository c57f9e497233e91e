/**
 * Test helpers for the scene rules: detections on a 1000 × 1000 frame, timelines run through a rule, and stages 4–6
 * fed directly.
 */
import type { EventBus } from '../../kernel/bus.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Concept, Detection, Hit } from '../../kernel/types/index.ts';
import { sceneFrame, type SceneStages, type TrackedInput } from '../camera-stages.ts';
import type { HitEvidenceRecorder } from '../evidence/capture.ts';
import { HitPublisher } from '../evidence/publisher.ts';
import { runSceneStages } from '../pipeline.ts';
import type { HitChange } from './observation.ts';
import { RecheckFrames } from './recheck-frames.ts';
import { SceneRules } from './stage.ts';
import { resolveZone, type Zone } from './zones.ts';

export const W = 1000;
export const H = 1000;

/** A detection whose footprint (bottom-centre) is at relative (x, y), `w` × `h` relative size. */
export function det(
  label: string,
  concepts: readonly Concept[],
  x: number,
  y: number,
  w = 0.1,
  h = 0.15,
  score = 0.6,
): Detection {
  return {
    label,
    classId: 0,
    score,
    concepts,
    box: { x1: (x - w / 2) * W, y1: (y - h) * H, x2: (x + w / 2) * W, y2: y * H },
  };
}

export const stall = (x: number, y: number, score = 0.45): Detection =>
  det('bench', ['stall-like'], x, y, 0.12, 0.12, score);
export const person = (x: number, y: number): Detection => det('person', ['person'], x, y, 0.06, 0.2, 0.8);
/** A stall with its vendor standing beside it. */
export const staffed = (x: number, y: number, score = 0.45): Detection[] => [stall(x, y, score), person(x + 0.09, y)];

export function testZone(over: Partial<Parameters<typeof resolveZone>[0]> = {}): Zone {
  return resolveZone(
    {
      id: 'z1',
      camera: 'cam1',
      kind: 'no-vending',
      polygon: [
        [0.2, 0.4],
        [0.8, 0.4],
        [0.8, 1],
        [0.2, 1],
      ],
      dwellSeconds: 300,
      clearSeconds: 120,
      ...over,
    },
    { timezone: 'Asia/Shanghai', gridCell: 'cell-7' },
  );
}

/** Collected rule output of a timeline. */
export class Timeline {
  readonly changes: (HitChange & { at: number })[] = [];
  record(at: number, hits: readonly HitChange[]): void {
    for (const h of hits) this.changes.push({ ...h, at });
  }
  phase(p: HitChange['phase']): (HitChange & { at: number })[] {
    return this.changes.filter((c) => c.phase === p);
  }
}

/**
 * Stages 4–6 as the rules module builds them (scene rules, re-check frames, evidence hand-off), fed directly with
 * tracked frames by the rules tests and benchmarks: `observe` runs one frame through them (the first stage error is
 * thrown) and waits until its hits are on the bus.
 */
export function sceneStages(
  zones: readonly Zone[],
  opts: { readonly bus: EventBus; readonly log: Logger; readonly recorder?: HitEvidenceRecorder },
) {
  const rules = new SceneRules(zones, { log: opts.log });
  const frames = new RecheckFrames();
  const hits = new HitPublisher(opts);
  const stages: SceneStages = { rules, taps: [frames], findings: hits };
  const seen = new Map<string, readonly Detection[]>();
  return {
    rules,
    frames,
    hits,
    stages,
    activeHits: (): Hit[] => rules.activeHits().map((h) => hits.hit(h.id) ?? h),
    idle: (): Promise<void> => hits.idle(),
    async observe(t: TrackedInput): Promise<void> {
      const scene = sceneFrame(t, seen.get(t.frame.cameraId));
      seen.set(t.frame.cameraId, scene.seen);
      const errors: unknown[] = [];
      await runSceneStages(stages, scene, (_stage, err) => void errors.push(err));
      await hits.published();
      if (errors.length > 0) throw errors[0];
    },
  };
}
