/**
 * Stage 4 of the camera pipeline, the scene rules: every analysed frame (with its detections and tracks) goes through
 * the rules of its camera's zones, in order per camera, and comes out as Findings — the hit changes of this frame,
 * without evidence (stage 6, detect/evidence/publisher.ts, writes that and publishes the hits behind a queue). A
 * failing rule is logged and skipped for that zone and frame; a malformed frame is refused with a message naming it.
 */
import { InputError } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Frame, Hit, SuppressionMask } from '../../kernel/types/index.ts';
import type { Findings, RulesStage, SceneFrame, ZoneFinding } from '../camera-stages.ts';
import { createRunner, type RuleTuning, type ZoneRunner } from './runner.ts';
import type { Zone } from './zones.ts';

export interface SceneRulesOptions {
  readonly log: Logger;
  readonly tuning?: RuleTuning;
}

const THRESHOLDS = ['minScore', 'minArea', 'dwellMs', 'clearMs', 'recheck'] as const;

/** The same zone but for its thresholds? */
function sameShape(a: Zone, b: Zone): boolean {
  const strip = (z: Zone): Partial<Zone> => {
    const o: Partial<Zone> = { ...z };
    for (const k of THRESHOLDS) delete o[k];
    return o;
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Throws an InputError naming the frame unless it holds width × height RGB24 pixels. */
export function checkFrame(frame: Frame): void {
  const want = frame.width * frame.height * 3;
  if (!(frame.width > 0 && frame.height > 0) || frame.data.length !== want) {
    throw new InputError(
      `frame ${frame.cameraId}#${frame.seq}: ${frame.data.length} bytes of pixels for ` +
        `${frame.width}×${frame.height} RGB24 (expected ${want})`,
    );
  }
}

export class SceneRules implements RulesStage {
  private readonly runners = new Map<string, ZoneRunner[]>();
  private readonly masks = new Map<string, readonly SuppressionMask[]>();

  constructor(
    zones: readonly Zone[],
    private readonly opts: SceneRulesOptions,
  ) {
    this.setZones(zones);
  }

  /**
   * Replace the zones; a zone whose definition is unchanged keeps its state (background model, ongoing hits), and so
   * does one whose thresholds alone changed (score, size, dwell, clear, re-check): they apply from the next frame.
   */
  setZones(zones: readonly Zone[]): void {
    const old = new Map([...this.runners.values()].flat().map((r) => [r.zone.id, r]));
    this.runners.clear();
    for (const zone of zones) {
      const prev = old.get(zone.id);
      let runner = prev && sameShape(prev.zone, zone) ? prev : undefined;
      if (runner && JSON.stringify(runner.zone) !== JSON.stringify(zone)) runner.retune(zone);
      if (!runner) {
        runner = createRunner(zone, this.opts.tuning);
        runner.setMasks((this.masks.get(zone.cameraId) ?? []).filter((m) => m.zoneId === zone.id));
      }
      this.runners.set(zone.cameraId, [...(this.runners.get(zone.cameraId) ?? []), runner]);
    }
  }

  /** The camera's false-alarm masks in force (from the verdicts); each zone's runner gets its own. */
  setMasks(cameraId: string, masks: readonly SuppressionMask[]): void {
    this.masks.set(cameraId, masks);
    for (const r of this.runners.get(cameraId) ?? []) r.setMasks(masks.filter((m) => m.zoneId === r.zone.id));
  }

  zones(): Zone[] {
    return [...this.runners.values()].flat().map((r) => r.zone);
  }

  /** The runners of a camera's zones. */
  cameraRunners(cameraId: string): readonly ZoneRunner[] {
    return this.runners.get(cameraId) ?? [];
  }

  /** Fresh runners for a camera's zones, its state dropped (it moved to another node, or is being taken over). */
  resetCamera(cameraId: string): readonly ZoneRunner[] {
    const masks = this.masks.get(cameraId) ?? [];
    const fresh = (this.runners.get(cameraId) ?? []).map((r) => {
      const runner = createRunner(r.zone, this.opts.tuning);
      runner.setMasks(masks.filter((m) => m.zoneId === r.zone.id));
      return runner;
    });
    if (fresh.length > 0) this.runners.set(cameraId, fresh);
    return fresh;
  }

  runner(zoneId: string): ZoneRunner | undefined {
    return [...this.runners.values()].flat().find((r) => r.zone.id === zoneId);
  }

  /** This frame through the rules of its camera's zones. */
  step(scene: SceneFrame): Findings {
    const { frame } = scene;
    checkFrame(frame);
    const changes: ZoneFinding[] = [];
    for (const runner of this.runners.get(frame.cameraId) ?? []) {
      try {
        for (const change of runner.step(scene)) changes.push({ zone: runner.zone, change });
      } catch (err) {
        this.opts.log.error(
          { err, zone: runner.zone.id, camera: frame.cameraId },
          'scene rule failed; frame skipped for this zone',
        );
      }
    }
    return { frame, now: scene.now, changes };
  }

  /** The ongoing hits as the rules hold them (without evidence: the publisher has that). */
  activeHits(): Hit[] {
    return [...this.runners.values()].flat().flatMap((r) => r.activeHits());
  }
}
