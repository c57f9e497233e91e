/**
 * Street vending (占道经营 / 店外经营): stall-like objects (and people with them) that stay at one place in a
 * no-vending zone for the dwell, outside the zone's allowed windows → one hit of the zone's category.
 * A pure state machine over per-location spots (see spots.ts, lifecycle.ts).
 */
import type { Detection } from '../../kernel/types/index.ts';
import { zoneCandidates } from './candidates.ts';
import {
  hitRuleStep,
  initialHitRuleState,
  zoneHitParams,
  type HitRuleParams,
  type HitRuleState,
  type HitRuleStep,
} from './lifecycle.ts';
import type { ZoneObservation } from './observation.ts';
import { allowedAt, type Zone } from './zones.ts';

export type VendingState = HitRuleState;
export type VendingParams = HitRuleParams;
export const initialVendingState: VendingState = initialHitRuleState;

export function vendingParams(zone: Zone, overrides: Partial<HitRuleParams> = {}): VendingParams {
  return zoneHitParams(zone, 'vending', overrides);
}

/** What the vending rule sees of `zone` in one analysed frame. */
export function vendingObservation(
  zone: Zone,
  detections: readonly Detection[],
  width: number,
  height: number,
  ts: number,
): ZoneObservation {
  return {
    ts,
    width,
    height,
    candidates: zoneCandidates(zone, detections, width, height),
    allowed: allowedAt(zone, ts),
  };
}

export function vendingStep(
  state: VendingState,
  obs: ZoneObservation,
  params: VendingParams,
  now: number,
): HitRuleStep {
  return hitRuleStep(state, obs, params, now);
}
