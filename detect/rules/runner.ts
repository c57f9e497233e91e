/** One zone's rule, holding its state between frames: the vending or litter state machine behind one interface. */
import type { Box, Hit, SuppressionMask } from '../../kernel/types/index.ts';
import type { SceneFrame } from '../camera-stages.ts';
import { zoneCandidates } from './candidates.ts';
import { contains, expand, footprint } from './geometry.ts';
import { activeHits, countsIn, maskOver, type HitRuleParams, type HitRuleState } from './lifecycle.ts';
import {
  initialLitterState,
  litterObservation,
  litterParams,
  litterStep,
  type LitterParams,
  resumeLitter,
  type LitterState,
} from './litter.ts';
import type { HitChange } from './observation.ts';
import { differingShare, type StaticFgParams } from './static-fg.ts';
import { defaultStallObjectsParams, stallObjectsStep, type StallObjectsState } from './stall-objects.ts';
import { initialVendingState, vendingObservation, vendingParams, vendingStep, type VendingState } from './vending.ts';
import { zoneInView } from './view.ts';
import type { Zone } from './zones.ts';

/** Overrides of the rule parameters (tests, the watch CLI). */
export interface RuleTuning {
  readonly hit?: Partial<HitRuleParams>;
  readonly bg?: Partial<StaticFgParams>;
}

export interface ZoneRunner {
  readonly zone: Zone;
  /** New thresholds (score, size, dwell, clear, re-check) of the same zone: applied at once, state kept. */
  retune(zone: Zone): void;
  /** The zone's false-alarm masks in force. */
  setMasks(masks: readonly SuppressionMask[]): void;
  step(ctx: SceneFrame): readonly HitChange[];
  /** Is a finding present in `region` in this frame (re-check)? */
  present(region: Box, ctx: SceneFrame): boolean;
  activeHits(): readonly Hit[];
  /** Spots, ongoing hits and repeats: what moves with the camera to another node (handover.ts). */
  hitState(): HitRuleState;
  /** Go on from a state handed over by another node (background models start afresh). */
  takeOver(state: HitRuleState): void;
}

const MARGIN = 0.03;

/** Anchor detections in `region` that the rule would count: above the zone's thresholds, outside its masks. */
function detectedIn(zone: Zone, p: HitRuleParams, region: Box, ctx: SceneFrame): boolean {
  const near = expand(region, MARGIN);
  return zoneCandidates(zone, ctx.seen, ctx.frame.width, ctx.frame.height).some(
    (c) => c.anchor && countsIn(c, p) && contains(near, footprint(c.region)) && !maskOver(c.region, p, ctx.now),
  );
}

class VendingRunner implements ZoneRunner {
  private state: VendingState = initialVendingState;
  private stalls: StallObjectsState = {};
  private params: HitRuleParams;
  private masks: readonly SuppressionMask[] = [];
  constructor(
    public zone: Zone,
    private readonly tuning: RuleTuning,
  ) {
    this.params = vendingParams(zone, tuning.hit);
  }
  retune(zone: Zone): void {
    this.zone = zone;
    this.params = vendingParams(zone, { ...this.tuning.hit, masks: this.masks });
  }
  setMasks(masks: readonly SuppressionMask[]): void {
    this.masks = masks;
    this.params = { ...this.params, masks };
  }
  step(ctx: SceneFrame): readonly HitChange[] {
    if (!zoneInView(this.zone.preset, ctx.frame.view)) return [];
    const { width, height } = ctx.frame;
    let obs = vendingObservation(this.zone, ctx.seen, width, height, ctx.now);
    if (this.zone.staticStalls) {
      const frame = { grey: ctx.grey(), detections: ctx.seen, width, height };
      const s = stallObjectsStep(this.stalls, frame, this.zone, defaultStallObjectsParams, ctx.now);
      this.stalls = s.state;
      obs = { ...obs, candidates: [...obs.candidates, ...s.candidates] };
    }
    const r = vendingStep(this.state, obs, this.params, ctx.now);
    this.state = r.state;
    return r.hits;
  }
  present(region: Box, ctx: SceneFrame): boolean {
    return detectedIn(this.zone, this.params, region, ctx);
  }
  activeHits(): readonly Hit[] {
    return activeHits(this.state);
  }
  hitState(): HitRuleState {
    return this.state;
  }
  takeOver(state: HitRuleState): void {
    this.state = state;
  }
}

class LitterRunner implements ZoneRunner {
  private state: LitterState = initialLitterState;
  private params: LitterParams;
  private masks: readonly SuppressionMask[] = [];
  /** A PTZ camera looked elsewhere (or moved) since the last analysed frame of this zone. */
  private away = false;
  constructor(
    public zone: Zone,
    private readonly tuning: RuleTuning,
  ) {
    this.params = litterParams(zone, tuning);
  }
  retune(zone: Zone): void {
    this.zone = zone;
    this.params = litterParams(zone, { ...this.tuning, hit: { ...this.tuning.hit, masks: this.masks } });
  }
  setMasks(masks: readonly SuppressionMask[]): void {
    this.masks = masks;
    this.params = { ...this.params, hit: { ...this.params.hit, masks } };
  }
  step(ctx: SceneFrame): readonly HitChange[] {
    if (!zoneInView(this.zone.preset, ctx.frame.view)) {
      this.away = true;
      return [];
    }
    if (this.away) {
      this.away = false;
      this.state = resumeLitter(this.state, ctx.now);
    }
    const obs = litterObservation(
      this.zone,
      { ...ctx.frame, ts: ctx.now },
      ctx.grey(),
      ctx.seen,
      ctx.tracks.length > 0 ? ctx.tracks : undefined,
    );
    const r = litterStep(this.state, obs, this.params, ctx.now);
    this.state = r.state;
    return r.hits;
  }
  /** Present when something is detected there, or a quarter of the region still differs from the clean background. */
  present(region: Box, ctx: SceneFrame): boolean {
    if (detectedIn(this.zone, this.params.hit, region, ctx)) return true;
    const { bg, grid } = this.state;
    if (!bg || !grid || maskOver(region, this.params.hit, ctx.now)) return false;
    const g = ctx.grey();
    if (grid.imageWidth !== g.width || grid.imageHeight !== g.height) return false;
    return differingShare(bg, g, grid, region, this.params.bg) >= 0.25;
  }
  activeHits(): readonly Hit[] {
    return activeHits(this.state.hits);
  }
  hitState(): HitRuleState {
    return this.state.hits;
  }
  takeOver(state: HitRuleState): void {
    this.state = { ...initialLitterState, hits: state };
  }
}

export function createRunner(zone: Zone, tuning: RuleTuning = {}): ZoneRunner {
  return zone.rule === 'vending' ? new VendingRunner(zone, tuning) : new LitterRunner(zone, tuning);
}
