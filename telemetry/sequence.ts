/**
 * The order stage, per vehicle: fixes go on in arrival order; one older than a fix already processed is flagged
 * late (stored, never dropped); one with the same ts as a recent fix is a duplicate (stored once).
 * Pure state machine: (state, ts) → { state, verdict }.
 */

export interface SequenceState {
  /** Newest ts processed so far; null before the first fix. */
  readonly lastTs: number | null;
  /** Recently processed ts (newest last), to spot duplicates among late fixes too. */
  readonly recent: readonly number[];
}

export type SequenceVerdict = 'in-order' | 'late' | 'duplicate';

export const RECENT_WINDOW = 64;

export function initialSequence(lastTs: number | null = null): SequenceState {
  return { lastTs, recent: lastTs === null ? [] : [lastTs] };
}

export function sequence(state: SequenceState, ts: number): { state: SequenceState; verdict: SequenceVerdict } {
  if (state.lastTs === ts || state.recent.includes(ts)) return { state, verdict: 'duplicate' };
  const recent = state.recent.length >= RECENT_WINDOW ? [...state.recent.slice(1), ts] : [...state.recent, ts];
  if (state.lastTs !== null && ts < state.lastTs) return { state: { lastTs: state.lastTs, recent }, verdict: 'late' };
  return { state: { lastTs: ts, recent }, verdict: 'in-order' };
}
