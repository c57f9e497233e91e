/** Test helper: a TelemetryPipeline on a real SQLite store in a temp dir, with a recording route stage. */
import path from 'node:path';
import { EventBus } from '../../kernel/bus.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { Position, VehicleStatus } from '../../kernel/types/index.ts';
import { TelemetryCounters } from '../counters.ts';
import { TelemetryPipeline, type Ack } from '../pipeline.ts';
import type { PositionStage } from '../stage.ts';
import { StatusTracker } from '../status.ts';
import { SqliteStore } from '../store/sqlite.ts';
import type { PositionStore } from '../store/types.ts';
import { Topics } from '../topics.ts';
import type { Rejection } from '../types.ts';

export const NOW = Date.UTC(2026, 2, 2, 8, 0, 0);
export const VEHICLES = ['S-4', 'S-12', 'P-1'];

export interface Harness {
  readonly pipeline: TelemetryPipeline;
  readonly store: PositionStore;
  readonly counters: TelemetryCounters;
  readonly observed: Position[];
  readonly emitted: Position[];
  readonly statuses: VehicleStatus[];
  readonly rejections: Rejection[];
  readonly stageErrors: string[];
  /** Publish a payload on a vehicle's position topic; resolves with the ack's error (or undefined). */
  send(vehicleId: string, payload: unknown, kind?: 'position' | 'status'): Promise<Error | undefined>;
  close(): Promise<void>;
}

export async function pipelineHarness(
  opts: { stages?: PositionStage[]; store?: PositionStore; laneLimit?: number } = {},
): Promise<Harness> {
  const store =
    opts.store ??
    new SqliteStore({ file: path.join(tempDir(), 'p.db'), batchSize: 5000, retentionDays: 90, now: () => NOW });
  await store.open();
  const bus = new EventBus();
  const known = new Set(VEHICLES);
  const counters = new TelemetryCounters((id) => known.has(id));
  const status = new StatusTracker(bus, 600_000, () => NOW);
  const observed: Position[] = [];
  const emitted: Position[] = [];
  const statuses: VehicleStatus[] = [];
  const rejections: Rejection[] = [];
  const stageErrors: string[] = [];
  bus.on('vehicle.position', (p) => void emitted.push(p));
  bus.on('vehicle.status', (s) => void statuses.push(s));
  const topics = new Topics('gridwatch');
  const pipeline = new TelemetryPipeline({
    topics,
    maxPayloadBytes: 2048,
    validation: { maxFutureMs: 300_000, maxAgeMs: 72 * 3_600_000 },
    jumps: { maxJumpKmh: 250, toleranceM: 100, confirm: 3 },
    isKnown: (id) => known.has(id),
    store,
    stages: opts.stages ?? [{ name: 'recorder', observe: (p) => void observed.push(p) }],
    counters,
    status,
    bus,
    log: silentLogger(),
    now: () => NOW,
    laneLimit: opts.laneLimit ?? 10_000,
    onReject: (r) => void rejections.push(r),
    onStageError: (name) => void stageErrors.push(name),
  });
  const send = (vehicleId: string, payload: unknown, kind: 'position' | 'status' = 'position') =>
    new Promise<Error | undefined>((resolve) => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const topic = kind === 'position' ? topics.position(vehicleId) : topics.status(vehicleId);
      const ack: Ack = (err) => resolve(err);
      pipeline.ingest({ topic, payload: Buffer.from(text), receivedAt: NOW }, ack);
    });
  return {
    pipeline,
    store,
    counters,
    observed,
    emitted,
    statuses,
    rejections,
    stageErrors,
    send,
    close: () => store.close(),
  };
}
