/**
 * Recorded spans and the recording-health figure (pure): segments merged into continuous spans, hours recorded vs
 * expected over a window, and the gaps (blind spots: time nothing was recorded while recording was expected).
 */
import type { Window } from './policy.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Segments closer than this are one span (segment boundaries, 1 s name resolution). */
export const JOIN_MS = 3000;

/** Sorted, merged spans of the given pieces; pieces less than `joinMs` apart are joined. */
export function mergeSpans(pieces: readonly Span[], joinMs = JOIN_MS): Span[] {
  const sorted = [...pieces].filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && p.start <= last.end + joinMs) last.end = Math.max(last.end, p.end);
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/** The parts of `spans` inside [from, to]. */
export function clipSpans(spans: readonly Span[], from: number, to: number): Span[] {
  return spans
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start);
}

const total = (spans: readonly Span[]): number => spans.reduce((sum, s) => sum + (s.end - s.start), 0);

export interface RecordingHealth {
  /** Hours recording was expected in the window. */
  readonly expectedHours: number;
  readonly recordedHours: number;
  /** recorded / expected (1 when nothing was expected). */
  readonly ratio: number;
  /** Blind spots: expected but not recorded, longer than the tolerance. */
  readonly gaps: readonly Span[];
  readonly blindHours: number;
}

const HOUR = 3_600_000;

/**
 * Health over the `expected` windows (continuous: [since, now]; events: the windows around hits): recorded spans
 * intersected with them; every uncovered stretch longer than `toleranceMs` is a gap.
 */
export function recordingHealth(
  recorded: readonly Span[],
  expected: readonly Window[],
  toleranceMs: number,
): RecordingHealth {
  const exp = mergeSpans(
    expected.map((w) => ({ start: w.from, end: w.to })),
    0,
  );
  const rec = mergeSpans(recorded);
  const gaps: Span[] = [];
  let recordedMs = 0;
  for (const e of exp) {
    const inside = clipSpans(rec, e.start, e.end);
    recordedMs += total(inside);
    let at = e.start;
    for (const s of [...inside, { start: e.end, end: e.end }]) {
      if (s.start - at > toleranceMs) gaps.push({ start: at, end: s.start });
      at = Math.max(at, s.end);
    }
  }
  const expectedMs = total(exp);
  const round = (ms: number): number => Math.round((ms / HOUR) * 1000) / 1000;
  return {
    expectedHours: round(expectedMs),
    recordedHours: round(recordedMs),
    ratio: expectedMs > 0 ? Math.round((recordedMs / expectedMs) * 1000) / 1000 : 1,
    gaps,
    blindHours: round(total(gaps)),
  };
}
