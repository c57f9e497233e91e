/**
 * Static-foreground (abandoned-object) detector for one zone, as a pure state machine
 * `(state, grey image, params, now) → { state, regions }`.
 *
 * Two background models on the downscaled grey crop: a long-term one that adapts slowly and only where the scene
 * looks like background, and a short-term one that follows the scene within seconds. A pixel that differs from the
 * long-term model but matches the short-term one holds something that arrived and then stayed still: static
 * foreground. Moving things differ from both; a place something just left differs from neither long-term.
 * Light: each frame is divided by its robust gain against the long-term model (median ratio), so a global
 * brightness change is no change; slow local drift under the threshold is learned by the long-term model; a
 * sudden change over most of the zone (camera moved, lights switched) restarts the models.
 */
import type { Box } from '../../kernel/types/index.ts';
import type { GreyImage } from './grey.ts';
import { cameraMoved } from './camera-shift.ts';
import { looksLikeSurroundings } from './ghosts.ts';
import { blobs, mergeNear, open } from './regions.ts';
import { crop, cropBoxToRel, cropRange, type ZoneGrid } from './zone-grid.ts';

export interface StaticFgParams {
  /** A pixel differs when |a − b| exceeds max(absThreshold, relThreshold × background), grey levels 0..255. */
  readonly absThreshold: number;
  readonly relThreshold: number;
  /** Time constants of the short- and long-term models. */
  readonly shortTauMs: number;
  readonly longTauMs: number;
  /** Something that never leaves is learned into the long-term model after this long. */
  readonly absorbMs: number;
  /** Smallest blob, in grey pixels. */
  readonly minPixels: number;
  /** More than this share of the zone changed at once → restart the models. */
  readonly resetShare: number;
  /**
   * With at least this share changed, check (at most every `moveCheckMs`) whether the camera moved (camera-shift.ts).
   */
  readonly moveCheckShare: number;
  readonly moveCheckMs: number;
  /** A shift matching better than this × no shift means the camera moved → restart the models. */
  readonly moveRatio: number;
  /** After the camera moved, the long-term model follows the picture as fast as the short-term one this long. */
  readonly settleMs: number;
  /** A blob varying from its surroundings no more than this × their own texture is a ghost (ghosts.ts). */
  readonly ghostSpread: number;
}

export const defaultStaticFgParams: StaticFgParams = {
  absThreshold: 22,
  relThreshold: 0.15,
  shortTauMs: 4_000,
  longTauMs: 900_000,
  absorbMs: 4 * 3600_000,
  minPixels: 8,
  resetShare: 0.6,
  moveCheckShare: 0.1,
  moveCheckMs: 5_000,
  moveRatio: 0.8,
  settleMs: 20_000,
  ghostSpread: 1.5,
};

export interface StaticFgState {
  readonly long: Float32Array;
  readonly short: Float32Array;
  /** How long each pixel has differed from the long-term model, ms. */
  readonly fgAge: Float32Array;
  readonly ts: number;
  /** When the camera-movement check last ran. */
  readonly moveCheckedAt: number;
  /** Until then the camera has just moved: the long-term model is relearnt (nothing is reported). */
  readonly settleUntil: number;
}

export interface StaticRegion {
  /** Relative box in the full frame. */
  readonly box: Box;
  /** Contrast against the long-term background, 0..1. */
  readonly score: number;
  readonly pixels: number;
  /** Crop indices of its pixels (to absorb it). */
  readonly members: readonly number[];
  /** When its pixels began to differ from the long-term model (median), ms. */
  readonly onset: number;
}

export interface StaticFgResult {
  readonly state: StaticFgState;
  readonly regions: readonly StaticRegion[];
  /** 1 where the crop differs from the long-term background (anything that arrived, moving or still). */
  readonly foreground: Uint8Array;
  /** Share of the crop that differs from the long-term background. */
  readonly changedShare: number;
  readonly reset: boolean;
  /** Blobs absorbed as ghosts in this step. */
  readonly ghosts: number;
}

/** Median of frame / long-term background over the crop: the global light change. */
export function robustGain(cur: Float32Array, long: Float32Array): number {
  const ratios: number[] = [];
  const step = Math.max(1, Math.floor(cur.length / 4096));
  for (let i = 0; i < cur.length; i += step) if (long[i]! > 8) ratios.push(cur[i]! / long[i]!);
  if (ratios.length === 0) return 1;
  ratios.sort((a, b) => a - b);
  return Math.min(5, Math.max(0.2, ratios[Math.floor(ratios.length / 2)]!));
}

function fresh(cur: Float32Array, ts: number, settleUntil = ts): StaticFgState {
  const fgAge = new Float32Array(cur.length);
  return { long: cur.slice(), short: cur.slice(), fgAge, ts, moveCheckedAt: ts, settleUntil };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[values.length >> 1] ?? 0;
}

function nothing(state: StaticFgState): StaticFgResult {
  return { state, regions: [], foreground: new Uint8Array(state.long.length), changedShare: 0, reset: true, ghosts: 0 };
}

export function staticFgStep(
  state: StaticFgState | undefined,
  img: GreyImage,
  g: ZoneGrid,
  p: StaticFgParams,
  now: number,
): StaticFgResult {
  const raw = crop(img, g);
  if (!state || state.long.length !== raw.length) return nothing(fresh(raw, now));
  const gain = robustGain(raw, state.long);
  const cur = raw.map((v) => v / gain);
  const n = cur.length;
  const fgL = new Uint8Array(n);
  const still = new Uint8Array(n);
  const ratio = new Float32Array(n);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const thr = Math.max(p.absThreshold, p.relThreshold * state.long[i]!);
    const dL = Math.abs(cur[i]! - state.long[i]!);
    ratio[i] = dL / thr;
    if (dL <= thr) continue;
    fgL[i] = 1;
    changed++;
    if (g.mask[i] && Math.abs(cur[i]! - state.short[i]!) <= thr) still[i] = 1;
  }
  const changedShare = changed / n;
  const checkMove = changedShare >= p.moveCheckShare && now - state.moveCheckedAt >= p.moveCheckMs;
  if (changedShare > p.resetShare) return { ...nothing(fresh(cur, now)), changedShare };
  if (checkMove && cameraMoved(cur, state.long, g.w, g.h, p.moveRatio))
    return { ...nothing(fresh(cur, now, now + p.settleMs)), changedShare };
  const settling = now < state.settleUntil;

  const dt = Math.min(60_000, Math.max(0, now - state.ts));
  const aS = 1 - Math.exp(-dt / p.shortTauMs);
  const aL = 1 - Math.exp(-dt / p.longTauMs);
  const long = state.long.slice();
  const short = state.short.slice();
  const fgAge = state.fgAge.slice();
  for (let i = 0; i < n; i++) {
    short[i]! += aS * (cur[i]! - short[i]!);
    if (settling) {
      long[i]! += aS * (cur[i]! - long[i]!);
      fgAge[i] = 0;
    } else if (!fgL[i]) {
      long[i]! += aL * (cur[i]! - long[i]!);
      fgAge[i] = 0;
    } else {
      fgAge[i] = fgAge[i]! + dt;
      if (fgAge[i]! > p.absorbMs) {
        long[i] = cur[i]!;
        fgAge[i] = 0;
      }
    }
  }
  const found = settling
    ? []
    : mergeNear(blobs(open(still, g.w, g.h), g.w, g.h, 2)).filter((b) => b.pixels >= p.minPixels);
  const ghosts = found.filter((b) => looksLikeSurroundings(cur, fgL, g.w, g.h, b, p.ghostSpread));
  for (const b of ghosts) absorbInto(long, fgAge, cur, b.members);
  const regions = found
    .filter((b) => !ghosts.includes(b))
    .map((b) => {
      const mean = b.members.reduce((s, i) => s + ratio[i]!, 0) / b.pixels;
      const onset = now - median(b.members.map((i) => fgAge[i]!));
      return { box: cropBoxToRel(g, b), score: Math.min(1, mean / 4), pixels: b.pixels, members: b.members, onset };
    });
  const moveCheckedAt = checkMove ? now : state.moveCheckedAt;
  return {
    state: { long, short, fgAge, ts: now, moveCheckedAt, settleUntil: state.settleUntil },
    regions,
    foreground: fgL,
    changedShare,
    reset: false,
    ghosts: ghosts.length,
  };
}

function absorbInto(long: Float32Array, fgAge: Float32Array, cur: Float32Array, members: readonly number[]): void {
  for (const i of members) {
    long[i] = cur[i]!;
    fgAge[i] = 0;
  }
}

/**
 * The state with `regions` learned into the long-term background as they look in `img` (ghosts found by the rule:
 * the place a car or person left). Pure: the arrays are copied.
 */
/**
 * Back at this zone's view after a while elsewhere (a PTZ camera's tour): the long-term background is kept (it is
 * this preset's), the short-term model restarts from it and no pixel carries time from before, so nothing that
 * arrived while the camera looked away counts as having stood there all along.
 */
export function resumeStaticFg(state: StaticFgState, now: number): StaticFgState {
  return {
    ...state,
    short: state.long.slice(),
    fgAge: new Float32Array(state.long.length),
    ts: now,
    moveCheckedAt: now,
  };
}

export function absorbRegions(
  state: StaticFgState,
  img: GreyImage,
  g: ZoneGrid,
  regions: readonly StaticRegion[],
): StaticFgState {
  if (regions.length === 0) return state;
  const raw = crop(img, g);
  const gain = robustGain(raw, state.long);
  const cur = raw.map((v) => v / gain);
  const long = state.long.slice();
  const fgAge = state.fgAge.slice();
  for (const r of regions) absorbInto(long, fgAge, cur, r.members);
  return { ...state, long, fgAge };
}

/**
 * Share of the crop pixels under `box` (relative) set in `mask`; undefined when fewer than `minPixels` are under it.
 */
export function shareIn(mask: Uint8Array, g: ZoneGrid, box: Box, onlyZone = false, minPixels = 1): number | undefined {
  const r = cropRange(g, box);
  if (!r) return undefined;
  let n = 0;
  let set = 0;
  for (let y = r.y1; y < r.y2; y++) {
    for (let x = r.x1; x < r.x2; x++) {
      const i = y * g.w + x;
      if (onlyZone && !g.mask[i]) continue;
      n++;
      if (mask[i]) set++;
    }
  }
  return n >= minPixels ? set / n : undefined;
}

/** Share of the zone pixels inside `box` (relative) that differ from the long-term background now (re-check). */
export function differingShare(state: StaticFgState, img: GreyImage, g: ZoneGrid, box: Box, p: StaticFgParams): number {
  const cur = crop(img, g);
  const gain = robustGain(cur, state.long);
  const diff = new Uint8Array(cur.length);
  for (let i = 0; i < cur.length; i++) {
    const thr = Math.max(p.absThreshold, p.relThreshold * state.long[i]!);
    if (Math.abs(cur[i]! / gain - state.long[i]!) > thr) diff[i] = 1;
  }
  return shareIn(diff, g, box, true) ?? 0;
}
