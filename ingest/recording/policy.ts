/**
 * Which recorded segments of one camera go (pure): past retention, outside the spans around hits (events mode, once
 * older than the evidence ring), then the oldest until the camera fits its quota. Never the newest segment (it may be
 * being written) and never one overlapping a protected window (evidence of an open case).
 */
import type { Segment } from '../ring.ts';

/** [from, to] in epoch ms. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface RetentionPlan {
  readonly now: number;
  /** Segments ending before now − retainMs go. */
  readonly retainMs: number;
  readonly quotaBytes: number;
  /** The evidence ring's age: younger segments are always kept (clips of new hits need them). */
  readonly ringMs: number;
  /** events mode: older than the ring, only segments overlapping these windows stay. */
  readonly events?: readonly Window[];
  /** Kept whatever their age and the quota (evidence of open cases). */
  readonly protect: readonly Window[];
}

export const overlaps = (s: { start: number; end: number }, ws: readonly Window[]): boolean =>
  ws.some((w) => s.start < w.to && s.end > w.from);

/** Segments (oldest first) → the ones to delete, oldest first. */
export function segmentsToDelete(segments: readonly Segment[], plan: RetentionPlan): Segment[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const newest = sorted.at(-1);
  const doomed = new Set<Segment>();
  for (const s of sorted) {
    if (s === newest || overlaps(s, plan.protect)) continue;
    if (s.end < plan.now - plan.retainMs) doomed.add(s);
    else if (plan.events && s.end < plan.now - plan.ringMs && !overlaps(s, plan.events)) doomed.add(s);
  }
  let total = sorted.filter((s) => !doomed.has(s)).reduce((sum, s) => sum + s.bytes, 0);
  for (const s of sorted) {
    if (total <= plan.quotaBytes) break;
    if (doomed.has(s) || s === newest || overlaps(s, plan.protect)) continue;
    doomed.add(s);
    total -= s.bytes;
  }
  return sorted.filter((s) => doomed.has(s));
}
