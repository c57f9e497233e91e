/** Operators' verdicts on automatic findings (确认 / 误报) and the suppression masks a false alarm leaves behind. */
import type { Box, RuleKind } from './video.ts';

export type VerdictKind = 'confirmed' | 'false';

/** Why a finding was a false alarm (误报). */
export type FalseReason = 'wrong-object' | 'allowed-activity' | 'outside-zone' | 'duplicate' | 'other';

export const FALSE_REASONS: readonly FalseReason[] = [
  'wrong-object',
  'allowed-activity',
  'outside-zone',
  'duplicate',
  'other',
];

/** One verdict on one hit, stored with the hit (its region and evidence are in the hit ledger). */
export interface HitVerdict {
  readonly id: number;
  readonly hitId: string;
  readonly caseId?: string;
  readonly verdict: VerdictKind;
  readonly reason?: FalseReason;
  readonly note?: string;
  /** Who (username), in which role, when. */
  readonly by: string;
  readonly role: string;
  readonly at: number;
  /** The mask a false alarm created, if any. */
  readonly maskId?: string;
}

/**
 * A place where a false alarm was judged: later findings of the same rule in the same zone whose region overlaps it
 * are kept as suppressed hits (no case) until `until`, or until an operator lifts it.
 */
export interface SuppressionMask {
  readonly id: string;
  readonly cameraId: string;
  readonly zoneId: string;
  readonly rule: RuleKind;
  /** Relative image coordinates (0..1). */
  readonly region: Box;
  readonly createdAt: number;
  readonly until: number;
  readonly by: string;
  readonly reason?: FalseReason;
  readonly note?: string;
  readonly hitId?: string;
  readonly liftedAt?: number;
  readonly liftedBy?: string;
}

/** Is the mask in force at `now`? */
export function maskActive(m: Pick<SuppressionMask, 'until' | 'liftedAt'>, now: number): boolean {
  return m.liftedAt === undefined && now < m.until;
}
