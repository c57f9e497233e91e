/** One zone's rule, holding its state between frames: the vending or litter state machine behind one interface. */
import type { Box, Detection, Frame, Hit, Track } from '../../kernel/types/index.ts';
import { zoneCandidates } from './candidates.ts';
import { contains, expand, footprint } from './geometry.ts';
import type { GreyImage } from './grey.ts';
import { activeHits, type HitRuleParams } from './lifecycle.ts';
import { initialLitterState, litterObservation, litterParams, litterStep, type LitterState } from './litter.ts';
import type { HitChange } from './observation.ts';
import { differingShare, type StaticFgParams } from './static-fg.ts';
import { initialVendingState, vendingObservation, vendingParams, vendingStep, type VendingState } from './vending.ts';
import type { Zone } from './zones.ts';

/** One analysed frame of a camera with what the detector and tracker made of it. */
export interface FrameContext {
  readonly frame: Frame;
  readonly detections: readonly Detection[];
  readonly tracks: readonly Track[];
  readonly now: number;
  /** The downscaled grey frame, computed once per frame for the litter zones. */
  readonly grey: () => GreyImage;
}

/** Overrides of the rule parameters (tests, the watch CLI). */
export interface RuleTuning {
  readonly hit?: Partial<HitRuleParams>;
  readonly bg?: Partial<StaticFgParams>;
}

export interface ZoneRunner {
  readonly zone: Zone;
  step(ctx: FrameContext): readonly HitChange[];
  /** Is a finding present in `region` in this frame (re-check)? */
  present(region: Box, ctx: FrameContext): boolean;
  activeHits(): readonly Hit[];
}

const MARGIN = 0.03;

function detectedIn(zone: Zone, region: Box, ctx: FrameContext): boolean {
  const near = expand(region, MARGIN);
  return zoneCandidates(zone, ctx.detections, ctx.frame.width, ctx.frame.height).some(
    (c) => c.anchor && contains(near, footprint(c.region)),
  );
}

class VendingRunner implements ZoneRunner {
  private state: VendingState = initialVendingState;
  private readonly params;
  constructor(
    readonly zone: Zone,
    tuning: RuleTuning,
  ) {
    this.params = vendingParams(zone, tuning.hit);
  }
  step(ctx: FrameContext): readonly HitChange[] {
    const r = vendingStep(
      this.state,
      vendingObservation(this.zone, ctx.detections, ctx.frame.width, ctx.frame.height, ctx.now),
      this.params,
      ctx.now,
    );
    this.state = r.state;
    return r.hits;
  }
  present(region: Box, ctx: FrameContext): boolean {
    return detectedIn(this.zone, region, ctx);
  }
  activeHits(): readonly Hit[] {
    return activeHits(this.state);
  }
}

class LitterRunner implements ZoneRunner {
  private state: LitterState = initialLitterState;
  private readonly params;
  constructor(
    readonly zone: Zone,
    tuning: RuleTuning,
  ) {
    this.params = litterParams(zone, tuning);
  }
  step(ctx: FrameContext): readonly HitChange[] {
    const obs = litterObservation(
      this.zone,
      { ...ctx.frame, ts: ctx.now },
      ctx.grey(),
      ctx.detections,
      ctx.tracks.length > 0 ? ctx.tracks : undefined,
    );
    const r = litterStep(this.state, obs, this.params, ctx.now);
    this.state = r.state;
    return r.hits;
  }
  /** Present when something is detected there, or a quarter of the region still differs from the clean background. */
  present(region: Box, ctx: FrameContext): boolean {
    if (detectedIn(this.zone, region, ctx)) return true;
    const { bg, grid } = this.state;
    if (!bg || !grid) return false;
    const g = ctx.grey();
    if (grid.imageWidth !== g.width || grid.imageHeight !== g.height) return false;
    return differingShare(bg, g, grid, region, this.params.bg) >= 0.25;
  }
  activeHits(): readonly Hit[] {
    return activeHits(this.state.hits);
  }
}

export function createRunner(zone: Zone, tuning: RuleTuning = {}): ZoneRunner {
  return zone.rule === 'vending' ? new VendingRunner(zone, tuning) : new LitterRunner(zone, tuning);
}
