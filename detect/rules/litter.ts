/**
 * Litter (暴露垃圾): anything that makes a finding in a litter-watch zone — litter classes of a model whose manifest
 * maps a class to `litter-like`, bags nobody carries (`bag-like`), and static foreground from the zone's background
 * models that no person or vehicle explains — and stays for the dwell → one hit with its region.
 * A pure state machine `(state, observation, params, now) → { state, hits }`.
 */
import type { Box, Detection, Track } from '../../kernel/types/index.ts';
import { zoneCandidates } from './candidates.ts';
import { boxIou } from '../associate.ts';
import { coveredBy, expand, intersection, relBox } from './geometry.ts';
import { leftBehindBy, updateOccupants, type Occupant } from './ghosts.ts';
import type { GreyImage } from './grey.ts';
import {
  hitRuleStep,
  initialHitRuleState,
  zoneHitParams,
  type HitRuleParams,
  type HitRuleState,
  type HitRuleStep,
} from './lifecycle.ts';
import type { Candidate } from './observation.ts';
import {
  absorbRegions,
  defaultStaticFgParams,
  resumeStaticFg,
  shareIn,
  staticFgStep,
  type StaticFgParams,
  type StaticFgState,
  type StaticRegion,
} from './static-fg.ts';
import { zoneGrid, type ZoneGrid } from './zone-grid.ts';
import { allowedAt, type Zone } from './zones.ts';

export interface LitterObservation {
  readonly ts: number;
  readonly width: number;
  readonly height: number;
  readonly grey: GreyImage;
  readonly detections: readonly Detection[];
  /** Tracks, when a tracker runs: a person/vehicle track that was still from its first frame explains nothing. */
  readonly tracks?: readonly Track[];
  readonly allowed: boolean;
}

export interface LitterParams {
  readonly hit: HitRuleParams;
  readonly bg: StaticFgParams;
  readonly zone: Pick<Zone, 'polygon' | 'concepts' | 'anchorConcepts'>;
  /** A person/vehicle box explains foreground under it for this long after it was last seen. */
  readonly explainMs: number;
  /** Places people/vehicles stood are remembered this long after they were last seen (ghosts.ts). */
  readonly occupantMs: number;
  /** A place left by a person/vehicle that stood there at least `minStayMs`, differing within `slackMs`, is a ghost. */
  readonly ghost: { readonly minStayMs: number; readonly slackMs: number };
  /** Someone beside a left object (attended): `wait` until they leave, or `dwell` counts with them beside it. */
  readonly attended: 'wait' | 'dwell';
}

interface Explainer {
  readonly box: Box;
  readonly until: number;
}

export interface LitterState {
  readonly grid?: ZoneGrid;
  readonly bg?: StaticFgState;
  readonly explainers: readonly Explainer[];
  readonly occupants: readonly Occupant[];
  readonly hits: HitRuleState;
  /** The latest static-foreground regions (for re-checks and debugging). */
  readonly regions: readonly StaticRegion[];
}

export const initialLitterState: LitterState = {
  explainers: [],
  occupants: [],
  hits: initialHitRuleState,
  regions: [],
};

export function litterParams(
  zone: Zone,
  over: { hit?: Partial<HitRuleParams>; bg?: Partial<StaticFgParams> } = {},
): LitterParams {
  return {
    hit: zoneHitParams(zone, 'litter', over.hit),
    bg: { ...defaultStaticFgParams, ...over.bg },
    zone,
    explainMs: 10_000,
    occupantMs: 60_000,
    ghost: { minStayMs: 2_000, slackMs: 3_000 },
    attended: zone.attended ?? 'wait',
  };
}

export function litterObservation(
  zone: Zone,
  frame: { width: number; height: number; ts: number },
  grey: GreyImage,
  detections: readonly Detection[],
  tracks?: readonly Track[],
): LitterObservation {
  return {
    ts: frame.ts,
    width: frame.width,
    height: frame.height,
    grey,
    detections,
    tracks,
    allowed: allowedAt(zone, frame.ts),
  };
}

const explains = (concepts: readonly string[]): boolean => concepts.includes('person') || concepts.includes('vehicle');

/**
 * Boxes (relative) of the people and vehicles that explain foreground now: those that arrived (their box is mostly
 * foreground against the long-term background) — a person who stood there before the background was learned explains
 * nothing new beside them. Boxes the crop cannot measure count, to be safe. Every person/vehicle detection counts
 * (a weak one the tracker never confirms too), however soon after arriving it stopped, except a person track that
 * never moved from its first frame: that is suspected to be an object misdetected as a person (a bag seen as
 * "person"). A vehicle detection always explains (a bag is not seen as a car).
 */
function explainerBoxes(obs: LitterObservation, arrived: (b: Box) => boolean, suspects: readonly Box[]): Box[] {
  const rel = (b: Box): Box => relBox(b, obs.width, obs.height);
  const moved = (obs.tracks ?? []).filter((t) => explains(t.concepts) && !suspects.includes(t.box)).map((t) => t.box);
  const dets = obs.detections
    .filter((d) => explains(d.concepts) && !suspects.some((b) => boxIou(b, d.box) > 0.5))
    .map((d) => d.box);
  return [...moved, ...dets].map(rel).filter(arrived);
}

/**
 * Boxes of person tracks that arrived (their box is foreground) and never moved from their first frame: maybe an
 * object misdetected as a person. (Someone standing there since before the background was learned is no suspect.)
 */
function suspectBoxes(obs: LitterObservation, arrived: (b: Box) => boolean): Box[] {
  return (obs.tracks ?? [])
    .filter((t) => t.concepts.includes('person') && t.stationary && t.stationarySince === t.firstSeen)
    .map((t) => t.box)
    .filter((b) => arrived(relBox(b, obs.width, obs.height)));
}

/** Every person/vehicle box of this frame (relative), arrived or not: where they stand (ghosts). */
function standingBoxes(obs: LitterObservation): Box[] {
  const all = [...obs.detections, ...(obs.tracks ?? [])].filter((d) => explains(d.concepts));
  return all.map((d) => relBox(d.box, obs.width, obs.height));
}

/** People who may be an object's owner beside it: every person box except the suspects (see suspectBoxes). */
function attendants(obs: LitterObservation, suspects: readonly Box[]): Box[] {
  return [...obs.detections, ...(obs.tracks ?? [])]
    .filter((d) => d.concepts.includes('person') && !suspects.some((b) => boxIou(b, d.box) > 0.5))
    .map((d) => relBox(d.box, obs.width, obs.height));
}

function grow(b: Box): Box {
  return expand(b, 0.25 * Math.max(b.x2 - b.x1, b.y2 - b.y1));
}

/** Litter-like detections count even beside a person; bag-like ones only when nobody is carrying them. */
function detectedLitter(obs: LitterObservation, p: LitterParams): Candidate[] {
  const people = obs.detections
    .filter((d) => d.concepts.includes('person'))
    .map((d) => grow(relBox(d.box, obs.width, obs.height)));
  return zoneCandidates(p.zone, obs.detections, obs.width, obs.height).filter(
    (c) => c.anchor && (c.concepts.includes('litter-like') || !people.some((b) => coveredBy(c.region, b) > 0.3)),
  );
}

export interface LitterStep {
  readonly state: LitterState;
  readonly hits: HitRuleStep['hits'];
}

/** Someone is beside the object (its owner, maybe): their box grown by half its size meets the object's. */
function attendedBy(region: Box, people: readonly Box[]): boolean {
  return people.some((b) => intersection(region, expand(b, 0.5 * Math.max(b.x2 - b.x1, b.y2 - b.y1))) > 0);
}

/** A PTZ camera is back at this zone's preset: its background kept, its short-term memory (and tracks) restarted. */
export function resumeLitter(state: LitterState, now: number): LitterState {
  return { ...state, ...(state.bg ? { bg: resumeStaticFg(state.bg, now) } : {}), explainers: [], occupants: [] };
}

export function litterStep(state: LitterState, obs: LitterObservation, p: LitterParams, now: number): LitterStep {
  const sameGrid = state.grid && state.grid.imageWidth === obs.grey.width && state.grid.imageHeight === obs.grey.height;
  const grid = sameGrid && state.grid ? state.grid : zoneGrid(p.zone.polygon, obs.grey.width, obs.grey.height);
  const bg = staticFgStep(sameGrid ? state.bg : undefined, obs.grey, grid, p.bg, now);
  const arrived = (b: Box): boolean => (shareIn(bg.foreground, grid, b, false, 10) ?? 1) >= 0.2;
  const suspects = suspectBoxes(obs, arrived);
  const explainers = [
    ...state.explainers.filter((e) => e.until >= now),
    ...explainerBoxes(obs, arrived, suspects).map((box) => ({ box: grow(box), until: now + p.explainMs })),
  ];
  const occupants = updateOccupants(state.occupants, standingBoxes(obs), now, p.occupantMs);
  const left = bg.regions.filter((r) => leftBehindBy(r.box, r.onset, occupants, p.ghost));
  const bgState = absorbRegions(bg.state, obs.grey, grid, left);
  // an owner is alive: some of their box differs from the background (a frozen figure in the learned scene is not)
  const alive = (b: Box): boolean => (shareIn(bg.foreground, grid, b, false, 10) ?? 1) >= 0.05;
  const people = p.attended === 'wait' ? attendants(obs, suspects).filter(alive) : [];
  const still: Candidate[] = bg.regions
    .filter((r) => !left.includes(r) && !explainers.some((e) => coveredBy(r.box, e.box) >= 0.5))
    .map((r) => ({
      region: r.box,
      label: 'static object',
      score: r.score,
      anchor: true,
      concepts: [],
      ...(attendedBy(r.box, people) ? { held: true } : {}),
    }));
  const detected = detectedLitter(obs, p).map((c) => (attendedBy(c.region, people) ? { ...c, held: true } : c));
  const candidates = [...detected, ...still];
  const step = hitRuleStep(
    state.hits,
    { ts: obs.ts, width: obs.width, height: obs.height, candidates, allowed: obs.allowed },
    p.hit,
    now,
  );
  const regions = bg.regions.filter((r) => !left.includes(r));
  return { state: { grid, bg: bgState, explainers, occupants, hits: step.state, regions }, hits: step.hits };
}
