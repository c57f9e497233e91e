/**
 * Replay planning (pure): which vehicle publishes what, when. Times keep the trace's rhythm divided by the speedup;
 * with `shiftTo` the fix times move so the trace starts then (it looks live), otherwise they stay as recorded.
 */
import { InputError } from '../../kernel/errors.ts';
import type { Trace } from '../trace/index.ts';

export interface ReplayFix {
  readonly vehicleId: string;
  /** Milliseconds after the replay starts that it is due. */
  readonly dueMs: number;
  readonly payload: {
    readonly ts: number;
    readonly lat: number;
    readonly lon: number;
    readonly speed_kmh?: number;
    readonly heading?: number;
    readonly work?: boolean;
  };
}

export interface PlanOptions {
  /** Vehicle id for fixes without one; with a multi-vehicle trace, only that vehicle's fixes. */
  readonly vehicle?: string;
  readonly speedup: number;
  /** Epoch ms the first fix is re-dated to (later fixes follow at replay speed); undefined keeps the recorded times. */
  readonly shiftTo?: number;
  /**
   * Instead: re-date the trace to end at this epoch ms, keeping the recorded spacing (a device uploading a backlog).
   */
  readonly endAt?: number;
  readonly work?: boolean;
}

export function planReplay(trace: Trace, name: string, o: PlanOptions): ReplayFix[] {
  if (!(o.speedup > 0)) throw new InputError(`--speedup must be a positive number, got ${o.speedup}`);
  const ids = new Set(trace.flatMap((f) => (f.vehicleId ? [f.vehicleId] : [])));
  const fixes = o.vehicle && ids.size > 0 ? trace.filter((f) => f.vehicleId === o.vehicle || !f.vehicleId) : trace;
  if (fixes.length === 0)
    throw new InputError(`${name}: no fixes of vehicle "${o.vehicle}" (the trace has ${[...ids].join(', ')})`);
  const t0 = fixes[0]!.ts;
  const backfill = o.endAt === undefined ? 0 : o.endAt - fixes[fixes.length - 1]!.ts;
  return fixes.map((f) => {
    const vehicleId = f.vehicleId ?? o.vehicle;
    if (!vehicleId)
      throw new InputError(`${name}: the trace has no vehicle_id column; give the vehicle with --vehicle ID`);
    const dueMs = (f.ts - t0) / o.speedup;
    return {
      vehicleId,
      dueMs,
      payload: {
        ts: o.shiftTo !== undefined ? Math.round(o.shiftTo + dueMs) : f.ts + backfill,
        lat: f.lat,
        lon: f.lon,
        ...(f.speedKmh !== undefined ? { speed_kmh: f.speedKmh } : {}),
        ...(f.heading !== undefined ? { heading: f.heading } : {}),
        ...(o.work !== undefined ? { work: o.work } : {}),
      },
    };
  });
}
