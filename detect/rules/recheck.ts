/**
 * Camera re-check for 核查: "is the problem at this spot clear now?" Re-analyses the hit's region (or the whole zone)
 * over the camera's next frames and answers clear / still present with a before (the hit's annotated evidence) and
 * after (a fresh annotated frame) pair. Present = found in at least half of the window's frames, so someone walking
 * through the cleared spot does not send a case back for rework.
 */
import type { Clock } from '../../kernel/clock.ts';
import { InputError } from '../../kernel/errors.ts';
import { ringBounds } from '../../kernel/geo.ts';
import type { Box, Hit } from '../../kernel/types/index.ts';
import type { Rechecker, RecheckRequest, RecheckResult } from '../../kernel/types/recheck.ts';
import type { HitEvidenceRecorder } from '../evidence/capture.ts';
import type { SceneRules } from './stage.ts';

export interface RecheckOptions {
  readonly clock: Clock;
  readonly recorder?: HitEvidenceRecorder;
  /** Frames and time the window spans at least. */
  readonly minFrames?: number;
  readonly windowMs?: number;
  /** No frame from the camera for this long → the re-check fails. */
  readonly timeoutMs?: number;
}

export class SceneRechecker implements Rechecker {
  constructor(
    private readonly rules: SceneRules,
    private readonly opts: RecheckOptions,
  ) {}

  async recheck(req: RecheckRequest): Promise<RecheckResult> {
    const runner = this.rules.runner(req.zoneId);
    if (!runner || runner.zone.cameraId !== req.cameraId) {
      throw new InputError(`zone "${req.zoneId}" is not a watched zone of camera "${req.cameraId}"`);
    }
    const known = req.hitId ? this.rules.hit(req.hitId) : undefined;
    const [x1, y1, x2, y2] = ringBounds(runner.zone.polygon);
    const region: Box = known?.region ?? { x1, y1, x2, y2 };
    const frames = await this.rules.nextFrames(
      req.cameraId,
      this.opts.minFrames ?? 3,
      this.opts.windowMs ?? 5_000,
      this.opts.timeoutMs ?? 30_000,
    );
    const found = frames.filter((ctx) => runner.present(region, ctx)).length;
    const present = found * 2 >= frames.length;
    const last = frames[frames.length - 1]!;
    const verdict = present ? '仍存在 still present' : '已清除 clear';
    const subject: Hit = known ?? {
      id: req.hitId ?? `recheck-${req.zoneId}`,
      rule: runner.zone.rule,
      category: runner.zone.category,
      cameraId: req.cameraId,
      zoneId: req.zoneId,
      start: last.now,
      lastSeen: last.now,
      repeat: 1,
      region,
      boxes: [],
      evidence: [],
    };
    const after = await this.opts.recorder?.recheckEvidence(
      last.frame,
      runner.zone.polygon,
      runner.zone.name,
      subject,
      verdict,
    );
    const before = known?.evidence.find((e) => e.kind === 'annotated');
    const spanS = Math.round((last.now - frames[0]!.now) / 1000);
    const where = known
      ? `the hit's region`
      : req.hitId
        ? `the whole zone (hit "${req.hitId}" is no longer remembered)`
        : 'the whole zone';
    return {
      clear: !present,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      detail:
        `${present ? 'still present' : 'clear'}: found in ${found} of ${frames.length} frames over ${spanS} s in ` +
        `${where}`,
      ts: this.opts.clock.now(),
    };
  }
}
