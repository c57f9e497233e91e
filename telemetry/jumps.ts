/**
 * The GPS-jump filter, per vehicle: a fix implying a move faster than maxJumpKmh from the last good fix is dropped.
 * A vehicle that really moved (towed, or GPS off for a while) is re-acquired after `confirm` consecutive
 * dropped fixes that agree with each other. Displacements up to `toleranceM` never count (GPS noise).
 * Pure state machine: (state, fix, params) → { state, accept }.
 */
import { distanceM } from '../kernel/geo.ts';

export interface JumpPoint {
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
}

export interface JumpState {
  readonly last: JumpPoint | null;
  /** Consecutive dropped fixes that agree with each other, oldest first. */
  readonly suspects: readonly JumpPoint[];
}

export interface JumpParams {
  readonly maxJumpKmh: number;
  readonly toleranceM: number;
  readonly confirm: number;
}

export const initialJumps: JumpState = { last: null, suspects: [] };

function plausible(a: JumpPoint, b: JumpPoint, p: JumpParams): boolean {
  const d = distanceM(a, b);
  if (d <= p.toleranceM) return true;
  const dtH = Math.abs(b.ts - a.ts) / 3_600_000;
  return dtH > 0 && d / 1000 / dtH <= p.maxJumpKmh;
}

/** `late` fixes are checked against the last good fix but never move it. */
export function filterJump(
  state: JumpState,
  fix: JumpPoint,
  late: boolean,
  p: JumpParams,
): { state: JumpState; accept: boolean } {
  const pt: JumpPoint = { ts: fix.ts, lat: fix.lat, lon: fix.lon };
  if (state.last === null) return { state: { last: pt, suspects: [] }, accept: true };
  if (plausible(state.last, pt, p)) return { state: late ? state : { last: pt, suspects: [] }, accept: true };
  if (late) return { state, accept: false };
  const prev = state.suspects[state.suspects.length - 1];
  const suspects = prev && plausible(prev, pt, p) ? [...state.suspects, pt] : [pt];
  if (suspects.length >= p.confirm) return { state: { last: pt, suspects: [] }, accept: true };
  return { state: { last: state.last, suspects }, accept: false };
}
