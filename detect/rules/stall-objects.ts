/**
 * Stalls as static objects (zone `staticStalls`): something that arrived in the no-vending zone and stays — static
 * foreground of the zone's background models (static-fg.ts: camera movement, ghosts and light handled there) — that
 * is not a vehicle (no vehicle box covers it), not a person standing still (no person box covers it), above a
 * minimum size, with a confident person beside it in this frame. Each such blob is an anchor candidate labelled
 * "static object" (concept stall-like); the vending lifecycle then needs it occupied for most of the dwell, i.e.
 * people staying at it. A pure state machine `(state, observation, params, now) → { state, candidates }`.
 */
import type { Box, Detection } from '../../kernel/types/index.ts';
import { coveredBy, expand, relBox } from './geometry.ts';
import type { GreyImage } from './grey.ts';
import type { Candidate } from './observation.ts';
import { defaultStaticFgParams, staticFgStep, type StaticFgParams, type StaticFgState } from './static-fg.ts';
import { confidentPeople, peopleAt } from './vending.ts';
import { zoneGrid, type ZoneGrid } from './zone-grid.ts';
import { inZone, type Zone } from './zones.ts';

export interface StallObjectsState {
  readonly grid?: ZoneGrid;
  readonly bg?: StaticFgState;
}

export interface StallObjectsParams {
  readonly bg: StaticFgParams;
  /** Smallest stall blob, in grey pixels. */
  readonly minPixels: number;
}

export const defaultStallObjectsParams: StallObjectsParams = { bg: defaultStaticFgParams, minPixels: 40 };

const grow = (b: Box): Box => expand(b, 0.25 * Math.max(b.x2 - b.x1, b.y2 - b.y1));

export function stallObjectsStep(
  state: StallObjectsState,
  obs: {
    readonly grey: GreyImage;
    readonly detections: readonly Detection[];
    readonly width: number;
    readonly height: number;
  },
  zone: Pick<Zone, 'polygon'>,
  p: StallObjectsParams,
  now: number,
): { state: StallObjectsState; candidates: Candidate[] } {
  const same = state.grid && state.grid.imageWidth === obs.grey.width && state.grid.imageHeight === obs.grey.height;
  const grid = same && state.grid ? state.grid : zoneGrid(zone.polygon, obs.grey.width, obs.grey.height);
  const bg = staticFgStep(same ? state.bg : undefined, obs.grey, grid, p.bg, now);
  const covering = obs.detections
    .filter((d) => d.concepts.includes('vehicle') || d.concepts.includes('person'))
    .map((d) => grow(relBox(d.box, obs.width, obs.height)));
  const people = confidentPeople(obs.detections, obs.width, obs.height);
  const candidates = bg.regions
    .filter((r) => r.pixels >= p.minPixels && inZone(zone, r.box))
    .filter((r) => !covering.some((b) => coveredBy(r.box, b) >= 0.5) && peopleAt(r.box, people))
    .map((r) => ({
      region: r.box,
      label: 'static object',
      score: r.score,
      anchor: true,
      concepts: ['stall-like' as const],
    }));
  return { state: { grid, bg: bg.state }, candidates };
}
