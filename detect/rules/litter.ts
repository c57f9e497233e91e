/**
 * Litter (暴露垃圾): anything that makes a finding in a litter-watch zone — litter classes of a model whose manifest
 * maps a class to `litter-like`, bags nobody carries (`bag-like`), and static foreground from the zone's background
 * models that no person or vehicle explains — and stays for the dwell → one hit with its region.
 * A pure state machine `(state, observation, params, now) → { state, hits }`.
 */
import type { Box, Detection, Track } from '../../kernel/types/index.ts';
import { zoneCandidates } from './candidates.ts';
import { boxIou } from '../associate.ts';
import { coveredBy, expand, relBox } from './geometry.ts';
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
  defaultStaticFgParams,
  shareIn,
  staticFgStep,
  type StaticFgParams,
  type StaticFgResult,
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
  /** A track that was already still this soon after it appeared is suspected to be a misdetected object. */
  readonly bornStillMs: number;
}

interface Explainer {
  readonly box: Box;
  readonly until: number;
}

export interface LitterState {
  readonly grid?: ZoneGrid;
  readonly bg?: StaticFgState;
  readonly explainers: readonly Explainer[];
  readonly hits: HitRuleState;
  /** The latest static-foreground regions (for re-checks and debugging). */
  readonly regions: readonly StaticRegion[];
}

export const initialLitterState: LitterState = { explainers: [], hits: initialHitRuleState, regions: [] };

export function litterParams(
  zone: Zone,
  over: { hit?: Partial<HitRuleParams>; bg?: Partial<StaticFgParams> } = {},
): LitterParams {
  return {
    hit: zoneHitParams(zone, 'litter', over.hit),
    bg: { ...defaultStaticFgParams, ...over.bg },
    zone,
    explainMs: 10_000,
    bornStillMs: 3_000,
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
 * (a weak one the tracker never confirms too), except one that is a track which was already still when it appeared:
 * that is suspected to be an object misdetected as a person (a bag seen as "person").
 */
function explainerBoxes(obs: LitterObservation, p: LitterParams, bg: StaticFgResult, grid: ZoneGrid): Box[] {
  const rel = (b: Box): Box => relBox(b, obs.width, obs.height);
  const arrived = (b: Box): boolean => (shareIn(bg.foreground, grid, b, false, 10) ?? 1) >= 0.2;
  const tracks = (obs.tracks ?? []).filter((t) => explains(t.concepts));
  const bornStill = tracks
    .filter((t) => t.stationary && (t.stationarySince ?? t.firstSeen) - t.firstSeen < p.bornStillMs)
    .map((t) => t.box);
  const moved = tracks.filter((t) => !bornStill.includes(t.box)).map((t) => t.box);
  const dets = obs.detections
    .filter((d) => explains(d.concepts) && !bornStill.some((b) => boxIou(b, d.box) > 0.5))
    .map((d) => d.box);
  return [...moved, ...dets].map(rel).filter(arrived);
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

export function litterStep(state: LitterState, obs: LitterObservation, p: LitterParams, now: number): LitterStep {
  const sameGrid = state.grid && state.grid.imageWidth === obs.grey.width && state.grid.imageHeight === obs.grey.height;
  const grid = sameGrid && state.grid ? state.grid : zoneGrid(p.zone.polygon, obs.grey.width, obs.grey.height);
  const bg = staticFgStep(sameGrid ? state.bg : undefined, obs.grey, grid, p.bg, now);
  const explainers = [
    ...state.explainers.filter((e) => e.until >= now),
    ...explainerBoxes(obs, p, bg, grid).map((box) => ({ box: grow(box), until: now + p.explainMs })),
  ];
  const still: Candidate[] = bg.regions
    .filter((r) => !explainers.some((e) => coveredBy(r.box, e.box) >= 0.5))
    .map((r) => ({ region: r.box, label: 'static object', score: r.score, anchor: true, concepts: [] }));
  const candidates = [...detectedLitter(obs, p), ...still];
  const step = hitRuleStep(
    state.hits,
    { ts: obs.ts, width: obs.width, height: obs.height, candidates, allowed: obs.allowed },
    p.hit,
    now,
  );
  return { state: { grid, bg: bg.state, explainers, hits: step.state, regions: bg.regions }, hits: step.hits };
}
