/** The stage vocabulary of one camera's pipeline (detect/pipeline.ts runs them in order) and the scene-stage slot. */
import type { Detection, Frame, Track } from '../kernel/types/index.ts';
import type { DetectTiming } from './detector.ts';
import type { MotionResult } from './motion.ts';

/** After the motion gate. */
export interface Gated {
  readonly frame: Frame;
  readonly motion: MotionResult;
}

/** After the detector (or after skipping it: `detected` false, no detections). */
export interface Detected {
  readonly frame: Frame;
  readonly motion: MotionResult;
  readonly detected: boolean;
  readonly detections: readonly Detection[];
  readonly timing?: DetectTiming;
}

/** After the tracker: what every scene stage observes. */
export interface SceneInput {
  readonly frame: Frame;
  /** This frame's detections (frame pixels); empty when the detector was skipped. */
  readonly detections: readonly Detection[];
  /** The camera's confirmed tracks after this frame. */
  readonly tracks: readonly Track[];
  /**
   * True when the detector ran on this frame; false when the motion gate skipped it (tracks were held as they were).
   */
  readonly detected: boolean;
  /** Frame time, epoch ms: scene rules take time from here, never from a clock. */
  readonly now: number;
}

/**
 * A scene stage (a rule, an evidence writer…), registered with DetectPipeline.addStage. Called once per frame per
 * camera, frames of one camera strictly in order; a throw/rejection is logged and skipped for that frame only.
 */
export interface SceneStage {
  readonly name: string;
  observe(input: SceneInput): void | Promise<void>;
}
