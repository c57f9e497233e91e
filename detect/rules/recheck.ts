/**
 * Camera re-check for 核查: "is the problem at this spot clear now?" Re-analyses the hit's region (or the whole zone)
 * over the camera's next frames — a window of at least `windowMs` and `minFrames` analysed frames — with the rule's
 * own thresholds and false-alarm masks, and answers clear / still present with a before (the hit's annotated
 * evidence) and after (a fresh annotated frame) pair. Still present = found in MOST of the window's frames (more
 * than half), so someone walking through the cleared spot, or a detector flicker, does not send a case back
 * (返工); fewer frames than asked → an error, and the case waits for an operator.
 */
import type { Clock } from '../../kernel/clock.ts';
import { errorMessage, InputError } from '../../kernel/errors.ts';
import { msg } from '../../kernel/messages/text.ts';
import { ringBounds } from '../../kernel/geo.ts';
import type { Box, Hit } from '../../kernel/types/index.ts';
import type { Rechecker, RecheckRequest, RecheckResult } from '../../kernel/types/recheck.ts';
import type { HitEvidenceRecorder } from '../evidence/capture.ts';
import type { HitPublisher } from '../evidence/publisher.ts';
import type { RecheckFrames } from './recheck-frames.ts';
import type { SceneRules } from './stage.ts';
import { zoneInView } from './view.ts';

export interface RecheckOptions {
  readonly clock: Clock;
  readonly recorder?: HitEvidenceRecorder;
  /** Frames and time the window spans at least (defaults 5 frames, 30 s). */
  readonly minFrames?: number;
  readonly windowMs?: number;
  /** The window not complete after this long → the re-check fails (default the window + 30 s). */
  readonly timeoutMs?: number;
}

/** What a re-check reads: the zones' rules, the hits with their evidence, and the camera's next frames. */
export interface RecheckSources {
  readonly rules: SceneRules;
  readonly hits: HitPublisher;
  readonly frames: RecheckFrames;
}

export class SceneRechecker implements Rechecker {
  constructor(
    private readonly s: RecheckSources,
    private readonly opts: RecheckOptions,
  ) {}

  /** Camera re-check can be switched off per zone (zone `recheck: false`, editable in the zone editor). */
  enabled(cameraId: string, zoneId: string): boolean {
    const runner = this.s.rules.runner(zoneId);
    return !runner || runner.zone.cameraId !== cameraId || runner.zone.recheck;
  }

  async recheck(req: RecheckRequest): Promise<RecheckResult> {
    const runner = this.s.rules.runner(req.zoneId);
    if (!runner || runner.zone.cameraId !== req.cameraId) {
      throw new InputError(`zone "${req.zoneId}" is not a watched zone of camera "${req.cameraId}"`);
    }
    const known = req.hitId ? this.s.hits.hit(req.hitId) : undefined;
    const [x1, y1, x2, y2] = ringBounds(runner.zone.polygon);
    const region: Box = known?.region ?? { x1, y1, x2, y2 };
    const minFrames = this.opts.minFrames ?? 5;
    const windowMs = this.opts.windowMs ?? 30_000;
    // A PTZ camera only sees the zone at its preset: frames taken elsewhere or while moving say nothing about it.
    const preset = runner.zone.preset;
    const atPreset = preset === undefined ? '' : ` at preset "${preset}"`;
    const frames = await this.s.frames
      .nextFrames(req.cameraId, minFrames, windowMs, this.opts.timeoutMs ?? windowMs + 30_000, (ctx) =>
        zoneInView(preset, ctx.frame.view),
      )
      .catch((err: unknown) => {
        throw preset === undefined ? err : new Error(`${errorMessage(err)}${atPreset}`);
      });
    const spanMs = frames[frames.length - 1]!.now - frames[0]!.now;
    if (frames.length < minFrames || spanMs < windowMs) {
      throw new Error(
        `camera "${req.cameraId}" gave ${frames.length} analysed frames${atPreset} ` +
          `over ${Math.round(spanMs / 1000)} s; ` +
          `the re-check needs ${minFrames} over ${Math.round(windowMs / 1000)} s`,
      );
    }
    const found = frames.filter((ctx) => runner.present(region, ctx)).length;
    const present = found * 2 > frames.length;
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
    const spanS = Math.round(spanMs / 1000);
    const where = known
      ? `the hit's region`
      : req.hitId
        ? `the whole zone (hit "${req.hitId}" is no longer remembered)`
        : 'the whole zone';
    const whereText = known
      ? msg('detect.recheck.where.hit')
      : req.hitId
        ? msg('detect.recheck.where.forgotten')
        : msg('detect.recheck.where.zone');
    return {
      clear: !present,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      detail:
        `${present ? 'still present' : 'clear'}: found in ${found} of ${frames.length} frames over ${spanS} s in ` +
        `${where}`,
      text: msg('detect.recheck.found', { where: whereText, span: spanS, frames: frames.length, found }),
      ts: this.opts.clock.now(),
    };
  }
}
