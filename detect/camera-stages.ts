/**
 * The stage vocabulary of one camera's pipeline (detect/pipeline.ts runs the stages in order): the readonly types
 * that pass between the stages, and the slots the back half plugs into (rules, frame taps, the evidence hand-off).
 */
import type { Detection, Frame, Track } from '../kernel/types/index.ts';
import type { DetectTiming } from './detector.ts';
import type { MotionResult } from './motion.ts';
import { greyDownscale, type GreyImage } from './rules/grey.ts';
import type { HitChange } from './rules/observation.ts';
import type { Zone } from './rules/zones.ts';

/** 1 → 2: after the motion gate. */
export interface Gated {
  readonly frame: Frame;
  readonly motion: MotionResult;
}

/** 2 → 3: after the detector (or after skipping it: `detected` false, no detections). */
export interface Detected {
  readonly frame: Frame;
  readonly motion: MotionResult;
  readonly detected: boolean;
  readonly detections: readonly Detection[];
  readonly timing?: DetectTiming;
}

/** 3 → 4, 5: after the tracker; what the scene rules and every frame tap see. */
export interface SceneFrame {
  readonly frame: Frame;
  /** This frame's detections (frame pixels); empty when the detector was skipped. */
  readonly detections: readonly Detection[];
  /**
   * The camera's latest detector output: this frame's, or the last analysed frame's when the motion gate let this one
   * skip the detector (a still scene shows the same things: a stall that stops moving stays seen).
   */
  readonly seen: readonly Detection[];
  /** The camera's confirmed tracks after this frame. */
  readonly tracks: readonly Track[];
  /**
   * True when the detector ran on this frame; false when the motion gate skipped it (tracks were held as they were).
   */
  readonly detected: boolean;
  /** Frame time, epoch ms: scene rules take time from here, never from a clock. */
  readonly now: number;
  /** The downscaled grey frame (litter background models, re-check), computed at most once per frame. */
  readonly grey: () => GreyImage;
}

/** What the tracker stage hands on, before the per-frame extras (`seen`, `grey`) are added. */
export type TrackedInput = Omit<SceneFrame, 'seen' | 'grey'>;

/** A SceneFrame from the tracker's output and the camera's previous `seen` detections. */
export function sceneFrame(t: TrackedInput, previousSeen: readonly Detection[] = []): SceneFrame {
  let grey: GreyImage | undefined;
  return {
    ...t,
    seen: t.detected ? t.detections : previousSeen,
    grey: () => {
      grey ??= greyDownscale(t.frame);
      return grey;
    },
  };
}

/** One hit change of one zone. */
export interface ZoneFinding {
  readonly zone: Zone;
  readonly change: HitChange;
}

/** 4 → 6: what the scene rules found in one frame (often nothing). */
export interface Findings {
  readonly frame: Frame;
  readonly now: number;
  readonly changes: readonly ZoneFinding[];
}

/** Stage 4: the scene rules of the camera's zones; pure state machines, so synchronous. */
export interface RulesStage {
  step(scene: SceneFrame): Findings;
}

/**
 * Stage 5: a frame tap (the re-check windows, a test recorder…). Called once per frame per camera, frames of one
 * camera strictly in order; a throw/rejection is logged and skipped for that frame only.
 */
export interface SceneStage {
  readonly name: string;
  observe(scene: SceneFrame): void | Promise<void>;
}

/** Stage 6: findings leave the frame loop here (evidence is written and hits published behind a queue). */
export interface FindingsSink {
  push(findings: Findings): void;
}

/** The back half of a camera pipeline, as the rules module provides it. */
export interface SceneStages {
  readonly rules: RulesStage;
  readonly taps: readonly SceneStage[];
  readonly findings: FindingsSink;
}
