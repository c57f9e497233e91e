/** The slot for consumers of accepted positions inside the telemetry pipeline (e.g. route state, telemetry/route/). */
import type { Position } from '../kernel/types/index.ts';

/** Stored positions of one vehicle in [from, to], oldest first, at most `limit` (the position store's track()). */
export interface PositionHistory {
  track(vehicleId: string, from: number, to: number, limit?: number): Promise<Position[]>;
}

/**
 * A per-vehicle consumer of accepted positions. `observe` is called once per stored position, per vehicle in
 * arrival order: fixes with `late: false` have strictly increasing `ts`; `late: true` ones are older than a fix
 * already observed (a stage keeping a state machine will usually skip them). Duplicates and rejected fixes never
 * arrive. It runs on the ingest path, so keep it fast; if it throws, the error is logged and counted and the
 * position still goes on (to the bus) — it never stops the pipeline or other vehicles.
 */
export interface PositionStage {
  readonly name: string;
  observe(p: Position): void;
  /**
   * Called once at start, after the position store opened and before any message is taken in: rebuild state from
   * the stored positions (a restart). Ingest waits for the returned promise, so a long rebuild should run in the
   * background and hold what `observe` receives meanwhile (the route service does). A failure is logged; ingest
   * starts anyway.
   */
  restore?(history: PositionHistory): Promise<void>;
  /** Stop using the history (called before the store closes at shutdown); resolves when it no longer does. */
  halt?(): Promise<void>;
}
