/**
 * The route service's restart bookkeeping: replays every vehicle's stored fixes in the background (restore.ts), one
 * vehicle after another with the event loop free in between; holds a vehicle's live fixes until its replay is done;
 * mutes what a checker started afresh (after a failed replay) finds at its first tick.
 */
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { AppContext } from '../../kernel/context.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Position } from '../../kernel/types/index.ts';
import type { PositionHistory } from '../stage.ts';
import type { CheckMark, DayReportStore } from './report-store.ts';
import { replayVehicle, startAfresh } from './restore.ts';
import type { VehicleRoute } from './vehicle-route.ts';

/** What the restorer needs from the service. */
export interface RestoreHost {
  readonly vehicles: Map<string, VehicleRoute>;
  /** A fresh checker for the vehicle (after a failed replay). */
  fresh(id: string): VehicleRoute;
  /** Findings the replay takes as published before the restart (kept in the open and recent lists). */
  absorb(events: readonly ViolationEvent[]): void;
  publish(e: ViolationEvent): void;
  /** A held live fix, applied once the vehicle's replay is done. */
  observe(p: Position): void;
  failed(): void;
}

export class Restorer {
  /** Vehicles whose replay has not finished, with the live fixes that arrived meanwhile. */
  private readonly held = new Map<string, Position[]>();
  private run?: Promise<void>;
  private stopping = false;
  /** Violations a fresh checker found at its first tick (not known to have been published): never published. */
  private readonly muted = new Set<string>();

  constructor(
    private readonly ctx: AppContext,
    private readonly host: RestoreHost,
    private readonly store: DayReportStore | undefined,
  ) {}

  /** Vehicles still replaying. */
  get size(): number {
    return this.held.size;
  }

  restoring(id: string): boolean {
    return this.held.has(id);
  }

  /** Hold a live fix of a vehicle still replaying; false when it is not. */
  hold(p: Position): boolean {
    const held = this.held.get(p.vehicleId);
    held?.push(p);
    return held !== undefined;
  }

  /** Whether a change is muted (a muted violation's end lifts it). */
  mutes(e: ViolationEvent): boolean {
    if (!this.muted.has(e.violation.id)) return false;
    if (e.phase === 'end') this.muted.delete(e.violation.id);
    return true;
  }

  /** Hold every vehicle (before the clock starts, so its first tick skips them all). */
  holdAll(): void {
    for (const id of this.host.vehicles.keys()) this.held.set(id, []);
  }

  begin(history: PositionHistory): void {
    this.run = this.replayAll(history).catch((err: unknown) => {
      this.host.failed();
      this.ctx.log.error(
        { err: errorMessage(err) },
        'route restore stopped; the vehicles not yet replayed are checked live from now',
      );
      for (const id of [...this.held.keys()]) this.release(id);
    });
  }

  /** Stop replaying; vehicles not replayed yet stay held (and unsaved). */
  async halt(): Promise<void> {
    this.stopping = true;
    await this.run;
  }

  done(): Promise<void> {
    return this.run ?? Promise.resolve();
  }

  private async replayAll(history: PositionHistory): Promise<void> {
    const { vehicles } = this.host;
    const now = this.ctx.clock.now();
    const t0 = performance.now();
    let marks = new Map<string, CheckMark>();
    try {
      marks = this.store?.marks() ?? marks;
    } catch (err) {
      this.host.failed();
      this.ctx.log.error(
        { err: errorMessage(err) },
        'route check marks could not be read; replayed findings are taken as published',
      );
    }
    let fixes = 0;
    for (const [id, replayed] of vehicles) {
      if (this.stopping) return;
      try {
        const r = await replayVehicle(replayed, history, this.store, now, marks.get(id));
        this.host.absorb(r.events);
        for (const e of r.unpublished) this.host.publish(e);
        fixes += r.fixes;
      } catch (err) {
        if (this.stopping) return;
        this.host.failed();
        this.ctx.log.error(
          { err: errorMessage(err), vehicleId: id },
          'route state could not be restored from stored fixes; ' +
            'this vehicle starts afresh, continuing its saved reports',
        );
        const fresh = this.host.fresh(id);
        vehicles.set(id, fresh);
        const r = startAfresh(fresh, this.store, now);
        for (const e of r.events) if (e.phase === 'start') this.muted.add(e.violation.id);
        if (r.error !== undefined)
          this.ctx.log.error(
            { err: errorMessage(r.error), vehicleId: id },
            'saved reports could not be read either; this vehicle starts with empty reports',
          );
      }
      this.release(id);
      await new Promise((r) => setImmediate(r)); // ingest and HTTP run between vehicles
    }
    if (vehicles.size > 0)
      this.ctx.log.info(
        { vehicles: vehicles.size, fixes, ms: Math.round(performance.now() - t0) },
        'route state restored from stored fixes',
      );
  }

  /** A vehicle's replay is over: apply the live fixes held meanwhile (those the replay had not read), in order. */
  private release(id: string): void {
    const held = this.held.get(id) ?? [];
    this.held.delete(id);
    const last = this.host.vehicles.get(id)?.lastFixTs ?? null;
    for (const p of held) if (last === null || p.ts > last) this.host.observe(p);
  }
}
