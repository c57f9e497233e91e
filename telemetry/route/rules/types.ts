/**
 * Vocabulary of the route rules. Each rule is a pure state machine
 * `(state, event, params, now) → { state, violations }` over the events of one vehicle, in time order.
 */
import type { LatLon } from '../../../kernel/geo.ts';
import type { ViolationKind } from '../../../kernel/types/vehicle.ts';
import type { WindowInstance } from '../windows.ts';
import type { Text } from '../../../kernel/messages/text.ts';

export interface TrackPoint {
  readonly lon: number;
  readonly lat: number;
  readonly ts: number;
}

/** One matched fix, with everything the rules need already worked out. */
export interface FixObservation extends LatLon {
  readonly ts: number;
  /** Distance from the (road-matched) position to the nearest assigned street, metres (Infinity when far). */
  readonly offRouteM: number;
  /** Within the plan's corridor around the assigned streets. */
  readonly inCorridor: boolean;
  /**
   * The raw fix (not the road-matched position) is within the corridor (absent: as `inCorridor`). A sparse fix is
   * sometimes matched onto a parallel road, or from a parallel street onto an assigned one: off-route needs both
   * outside to count and both inside to end.
   */
  readonly rawInCorridor?: boolean;
  /** Distance driven since the previous fix (along the road when matched), metres. */
  readonly movedM: number;
  /** Reported speed, else estimated from the matched track. */
  readonly speedKmh: number;
  /** Working: the device's work status, else inferred (moving on the assigned route in a window). */
  readonly working: boolean;
  /** Work window containing the fix (null outside every window, or when the plan has none). */
  readonly window: WindowInstance | null;
  readonly forbidden: WindowInstance | null;
  /** Whether the route is supervised now: inside a work window, working, or the plan has no windows. */
  readonly onDuty: boolean;
  readonly inDepot: boolean;
  /** Distance to the depot centre, metres (absent when the plan has no depot). */
  readonly depotM?: number;
}

export type RouteEvent =
  | { readonly type: 'fix'; readonly fix: FixObservation }
  | {
      /** Clock tick: time passes without a fix (signal lost, late start). */
      readonly type: 'tick';
      readonly window: WindowInstance | null;
      /** Whether the plan has windows; without windows every time is on duty. */
      readonly windowsDefined: boolean;
      /** Time of the newest fix received (perhaps not yet matched), null before any. */
      readonly lastFixTs: number | null;
      /**
       * When the newest fix arrived (wall time). A backlog uploaded late arrives now with old fix times: the signal
       * is not lost while fixes keep arriving, however old they are.
       */
      readonly lastArrival?: number | null;
    }
  | {
      /** A work window (or, without windows, the whole checked span) ended: its coverage is final. */
      readonly type: 'window-end';
      readonly window: WindowInstance;
      /** A configured work window (late start applies), not the span of a plan without windows. */
      readonly scheduled: boolean;
      readonly coverage: number;
      readonly assignedM: number;
      readonly coveredM: number;
      /** Ids of assigned segments not covered, and the street names among them. */
      readonly missed: readonly string[];
      readonly missedNames: readonly string[];
      readonly where: LatLon | null;
    };

/** A change in a violation's life: opened, grown (new evidence), or closed. */
export interface ViolationChange {
  readonly phase: 'start' | 'update' | 'end';
  readonly kind: ViolationKind;
  readonly start: number;
  readonly end?: number;
  readonly where: LatLon;
  /** In English (logs, the check-route CLI); `text` is the message rendered per reader. */
  readonly description: string;
  readonly text: Text;
  readonly track: readonly TrackPoint[];
  readonly missed: readonly string[];
}

export interface RuleResult<S> {
  readonly state: S;
  readonly violations: readonly ViolationChange[];
}

export type Rule<S, P> = (state: S, event: RouteEvent, params: P, now: number) => RuleResult<S>;

/** The empty state and the empty change list, shared so quiet steps allocate nothing. */
export const EMPTY: Readonly<Record<string, never>> = Object.freeze({});
export const NONE: readonly ViolationChange[] = Object.freeze([]);
