/**
 * One problem = one hit. A pure state machine `(state, observation, params, now) → { state, hits }` shared by the
 * scene rules: anchored spots that stay occupied for the dwell become a hit; the hit is refreshed by anything that
 * can make a finding inside its region (so a lost-and-regained track or an id switch changes nothing); it ends after
 * `clearMs` with nothing there; a later hit at the same spot on the same local day counts as a repeat.
 */
import type { LatLon, XY } from '../../kernel/geo.ts';
import type { Box, Hit, RuleKind, SuppressionMask } from '../../kernel/types/index.ts';
import { maskActive } from '../../kernel/types/verdict.ts';
import { area, contains, distance, expand, footprint, intersection, pixelBox, union } from './geometry.ts';
import type { Candidate, HitChange, ZoneObservation } from './observation.ts';
import { spotReady, updateSpots, type Spot } from './spots.ts';
import { localTime } from '../../kernel/time.ts';
import type { Zone } from './zones.ts';

export interface HitRuleParams {
  readonly rule: RuleKind;
  readonly cameraId: string;
  readonly zoneId: string;
  readonly category: string;
  readonly timezone: string;
  readonly gridCell?: string;
  readonly location?: LatLon;
  readonly dwellMs: number;
  readonly clearMs: number;
  /** A spot unseen for longer is forgotten (capped at clearMs). */
  readonly gapMs: number;
  /** Share of observations since a spot appeared in which it was occupied, needed for the dwell to count. */
  readonly minFill: number;
  readonly matchRadius: number;
  /** A candidate within this margin of an ongoing hit's region belongs to that hit. */
  readonly mergeMargin: number;
  /** A new hit this close to an earlier one of the same local day is a repeat at that spot. */
  readonly repeatRadius: number;
  /** An ongoing hit is re-announced (lastSeen) at least this often. */
  readonly updateEveryMs: number;
  /** Zone thresholds: detections below `minScore`, and anything smaller than `minArea` of the frame, do not count. */
  readonly minScore: number;
  readonly minArea: number;
  /** Operators' false-alarm masks of this zone: a new hit overlapping one in force is suppressed (no case). */
  readonly masks: readonly SuppressionMask[];
}

export const defaultHitParams = {
  gapMs: 20_000,
  minFill: 0.5,
  matchRadius: 0.03,
  mergeMargin: 0.03,
  repeatRadius: 0.08,
  updateEveryMs: 60_000,
  minScore: 0,
  minArea: 0,
  masks: [],
} as const;

/** A zone's hit parameters for one rule: the defaults, the zone's own settings, then `overrides`. */
export function zoneHitParams(zone: Zone, rule: RuleKind, overrides: Partial<HitRuleParams> = {}): HitRuleParams {
  return {
    ...defaultHitParams,
    rule,
    cameraId: zone.cameraId,
    zoneId: zone.id,
    category: zone.category,
    timezone: zone.timezone,
    gridCell: zone.gridCell,
    location: zone.location,
    dwellMs: zone.dwellMs,
    clearMs: zone.clearMs,
    minScore: zone.minScore,
    minArea: zone.minArea,
    ...overrides,
  };
}

interface ActiveHit {
  readonly hit: Hit;
  readonly anchor: XY;
  readonly bestScore: number;
  readonly lastEmit: number;
}

interface RepeatRecord {
  readonly day: string;
  readonly anchor: XY;
  readonly count: number;
}

export interface HitRuleState {
  readonly spots: readonly Spot[];
  readonly active: readonly ActiveHit[];
  readonly history: readonly RepeatRecord[];
  readonly seq: number;
}

export const initialHitRuleState: HitRuleState = { spots: [], active: [], history: [], seq: 0 };

export interface HitRuleStep {
  readonly state: HitRuleState;
  readonly hits: readonly HitChange[];
}

type Boxes = Hit['boxes'];

function boxesIn(region: Box, cands: readonly Candidate[], obs: ZoneObservation, margin: number): Boxes {
  const r = expand(region, margin);
  return cands
    .filter((c) => contains(r, footprint(c.region)))
    .map((c) => ({ label: c.label, score: c.score, box: pixelBox(c.region, obs.width, obs.height) }));
}

/** Refresh ongoing hits from the anchor candidates inside them; returns the candidates left for the spots. */
function refresh(active: readonly ActiveHit[], obs: ZoneObservation, p: HitRuleParams, now: number) {
  const anchors = obs.candidates.filter((c) => c.anchor);
  const used = new Set<Candidate>();
  const changes: HitChange[] = [];
  const next: ActiveHit[] = [];
  for (const a of active) {
    const near = expand(a.hit.region, p.mergeMargin);
    const mine = anchors.filter((c) => contains(near, footprint(c.region)));
    if (mine.length === 0) {
      if (now - a.hit.lastSeen >= p.clearMs)
        changes.push({ phase: 'end', hit: { ...a.hit, end: a.hit.lastSeen }, best: false });
      else next.push(a);
      continue;
    }
    for (const c of mine) used.add(c);
    const score = Math.max(...mine.map((c) => c.score));
    const best = score > a.bestScore + 0.05;
    const grown = mine.reduce((r, c) => union(r, c.region), a.hit.region);
    const regionGrew =
      grown.x1 < a.hit.region.x1 ||
      grown.y1 < a.hit.region.y1 ||
      grown.x2 > a.hit.region.x2 ||
      grown.y2 > a.hit.region.y2;
    const boxes = best ? boxesIn(grown, obs.candidates, obs, p.mergeMargin) : a.hit.boxes;
    const hit: Hit = { ...a.hit, lastSeen: now, region: grown, boxes };
    const due = best || regionGrew || now - a.lastEmit >= p.updateEveryMs;
    if (due) changes.push({ phase: 'update', hit, best });
    next.push({ hit, anchor: a.anchor, bestScore: best ? score : a.bestScore, lastEmit: due ? now : a.lastEmit });
  }
  return { next, changes, rest: anchors.filter((c) => !used.has(c)) };
}

function repeatOf(history: readonly RepeatRecord[], day: string, anchor: XY, p: HitRuleParams) {
  const today = history.filter((h) => h.day === day);
  const same = today.find((h) => distance(h.anchor, anchor) <= p.repeatRadius);
  const count = (same?.count ?? 0) + 1;
  const rest = today.filter((h) => h !== same);
  return { count, history: [...rest, { day, anchor: same?.anchor ?? anchor, count }] };
}

/** Does a candidate pass the zone's thresholds? (Score only for detections: static foreground has its own.) */
export function countsIn(c: Candidate, p: Pick<HitRuleParams, 'minScore' | 'minArea'>): boolean {
  return (c.concepts.length === 0 || c.score >= p.minScore) && area(c.region) >= p.minArea;
}

/** The mask in force at `now` that a finding at `region` falls under, if any. */
export function maskOver(
  region: Box,
  p: Pick<HitRuleParams, 'masks' | 'zoneId' | 'rule'>,
  now: number,
): SuppressionMask | undefined {
  return p.masks.find(
    (m) => m.zoneId === p.zoneId && m.rule === p.rule && maskActive(m, now) && intersection(m.region, region) > 0,
  );
}

/** Suppressed hits whose mask was lifted or ran out go on unsuppressed: an update (the cases module opens a case). */
function unsuppress(active: readonly ActiveHit[], p: HitRuleParams, now: number) {
  const changes: HitChange[] = [];
  const next = active.map((a) => {
    const s = a.hit.suppressed;
    if (!s || p.masks.some((m) => m.id === s.maskId && maskActive(m, now))) return a;
    const { suppressed: _gone, ...hit } = a.hit;
    changes.push({ phase: 'update', hit, best: true });
    return { ...a, hit, lastEmit: now };
  });
  return { next, changes };
}

export function hitRuleStep(state: HitRuleState, obs: ZoneObservation, p: HitRuleParams, now: number): HitRuleStep {
  const kept = obs.allowed ? [] : obs.candidates.filter((c) => countsIn(c, p));
  const seen: ZoneObservation = { ...obs, candidates: kept };
  const lifted = unsuppress(state.active, p, now);
  const { next, changes: refreshed, rest } = refresh(lifted.next, seen, p, now);
  const changes = [...lifted.changes, ...refreshed];
  const gapMs = Math.min(p.gapMs, p.clearMs);
  let spots = updateSpots(state.spots, rest, { matchRadius: p.matchRadius, gapMs }, now);
  let { history, seq } = state;
  for (const spot of spots.filter((s) => spotReady(s, p.dwellMs, p.minFill, now))) {
    const host = next.findIndex((a) => intersection(expand(a.hit.region, p.mergeMargin), spot.region) > 0);
    if (host >= 0) {
      const a = next[host]!;
      const hit: Hit = { ...a.hit, region: union(a.hit.region, spot.region), lastSeen: now };
      next[host] = { ...a, hit, lastEmit: now };
      changes.push({ phase: 'update', hit, best: false });
    } else {
      const rep = repeatOf(history, localTime(spot.firstSeen, p.timezone).day, spot.anchor, p);
      history = rep.history;
      seq += 1;
      const mask = maskOver(spot.region, p, now);
      const hit: Hit = {
        id: `hit-${p.zoneId}-${spot.firstSeen.toString(36)}-${seq}`,
        rule: p.rule,
        category: p.category,
        cameraId: p.cameraId,
        zoneId: p.zoneId,
        ...(p.gridCell ? { gridCell: p.gridCell } : {}),
        ...(p.location ? { location: p.location } : {}),
        start: spot.firstSeen,
        lastSeen: now,
        repeat: rep.count,
        region: spot.region,
        boxes: boxesIn(spot.region, seen.candidates, seen, p.mergeMargin),
        evidence: [],
        ...(mask ? { suppressed: { maskId: mask.id, until: mask.until } } : {}),
      };
      next.push({ hit, anchor: spot.anchor, bestScore: spot.score, lastEmit: now });
      changes.push({ phase: 'start', hit, best: true });
    }
    spots = spots.filter((s) => s !== spot);
  }
  return { state: { spots, active: next, history, seq }, hits: changes };
}

/** Ongoing hits of a rule state (for re-checks and health). */
export function activeHits(state: HitRuleState): readonly Hit[] {
  return state.active.map((a) => a.hit);
}
