/**
 * Street vending (占道经营 / 店外经营): a stall — a stall-like object with people staying at it — that stays at one
 * place in a no-vending zone for the dwell, outside the zone's allowed windows → one hit of the zone's category.
 * A COCO word alone is no stall: the detector calls garbage bags umbrella, a garage door bench, café chairs chair;
 * only a stall-like detection with a confident person beside it in this frame anchors a spot, and the spot must be
 * occupied in most frames of the dwell (people staying, not passing). A pure state machine over per-location spots
 * (see spots.ts, lifecycle.ts).
 */
import type { Box, Detection } from '../../kernel/types/index.ts';
import { zoneCandidates } from './candidates.ts';
import { expand, intersection, relBox } from './geometry.ts';
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

/** A person counts as staying at a stall from this score (the tracker's confident score). */
export const STALL_PERSON_SCORE = 0.5;

/** A confident person's box meets the stall's box grown by half its larger side. */
export function peopleAt(stall: Box, people: readonly Box[]): boolean {
  const near = expand(stall, 0.5 * Math.max(stall.x2 - stall.x1, stall.y2 - stall.y1));
  return people.some((p) => intersection(near, p) > 0);
}

/** Relative boxes of the confident people among `detections`. */
export function confidentPeople(detections: readonly Detection[], width: number, height: number): Box[] {
  return detections
    .filter((d) => d.concepts.includes('person') && d.score >= STALL_PERSON_SCORE)
    .map((d) => relBox(d.box, width, height));
}

/**
 * What the vending rule sees of `zone` in one analysed frame: a stall-like candidate anchors only with a confident
 * person beside it (otherwise it only joins a hit, like a person); other anchor concepts (a person-only peddler zone)
 * as they are.
 */
export function vendingObservation(
  zone: Zone,
  detections: readonly Detection[],
  width: number,
  height: number,
  ts: number,
): ZoneObservation {
  const people = confidentPeople(detections, width, height);
  const candidates = zoneCandidates(zone, detections, width, height).map((c) =>
    c.anchor && c.concepts.includes('stall-like') && !peopleAt(c.region, people) ? { ...c, anchor: false } : c,
  );
  return { ts, width, height, candidates, allowed: allowedAt(zone, ts) };
}

export function vendingStep(
  state: VendingState,
  obs: ZoneObservation,
  params: VendingParams,
  now: number,
): HitRuleStep {
  return hitRuleStep(state, obs, params, now);
}
