/** What the telemetry pipeline is built from (wired by service.ts, faked in pipeline tests). */
import type { EventBus } from '../kernel/bus.ts';
import type { Logger } from '../kernel/log.ts';
import type { TelemetryCounters } from './counters.ts';
import type { JumpParams } from './jumps.ts';
import type { PositionStage } from './stage.ts';
import type { StatusTracker } from './status.ts';
import type { PositionStore } from './store/types.ts';
import type { Topics } from './topics.ts';
import type { Rejection } from './types.ts';
import type { ValidationParams } from './validate.ts';

export interface PipelineDeps {
  readonly topics: Topics;
  readonly maxPayloadBytes: number;
  readonly validation: ValidationParams;
  readonly jumps: JumpParams;
  readonly isKnown: (vehicleId: string) => boolean;
  readonly store: PositionStore;
  readonly stages: readonly PositionStage[];
  readonly counters: TelemetryCounters;
  readonly status: StatusTracker;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly now: () => number;
  /** Most messages queued per vehicle. */
  readonly laneLimit: number;
  readonly onReject: (r: Rejection) => void;
  readonly onStageError: (stage: string, err: unknown) => void;
}
