/** What a scene rule sees of one zone at one moment, and what it says back. */
import type { HitEvent } from '../../kernel/bus.ts';
import type { Box, Concept } from '../../kernel/types/index.ts';

/** Something in the zone that may be (part of) a finding. */
export interface Candidate {
  /** Relative box (0..1) in the frame. */
  readonly region: Box;
  readonly label: string;
  readonly score: number;
  /** Concepts of the detection it came from (none for static foreground). */
  readonly concepts: readonly Concept[];
  /**
   * Can make a finding by itself (a stall, a static foreground blob); otherwise it only joins one (a person at a
   * stall).
   */
  readonly anchor: boolean;
  /** Keeps its spot occupied but may not start a hit now (an attended object whose owner is still beside it). */
  readonly held?: boolean;
}

export interface ZoneObservation {
  readonly ts: number;
  /** Frame size, for the pixel boxes a hit carries. */
  readonly width: number;
  readonly height: number;
  /** Candidates whose footprint lies in the zone. */
  readonly candidates: readonly Candidate[];
  /** The activity is allowed now (e.g. a night-market window): nothing counts. */
  readonly allowed: boolean;
}

/**
 * One lifecycle step of a hit (what the bus carries). `best` marks that this observation's frame is the hit's best
 * evidence so far.
 */
export interface HitChange extends HitEvent {
  readonly best: boolean;
}
