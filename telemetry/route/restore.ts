/**
 * One vehicle's route state rebuilt after a restart from its stored fixes (the position store): the replay of the
 * day — from the start of a work window that began the day before and ran past midnight — and the clock judged up to
 * its last saved tick. The events returned were published before the restart; the caller keeps them unpublished.
 */
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { PositionHistory } from '../stage.ts';
import type { DayRange } from './report-store.ts';
import type { DayReport } from './day-stats.ts';
import type { VehicleRoute } from './vehicle-route.ts';

const PAGE = 10_000;
/** The clock replayed in gaps between fixes (lost signal, a window's late start or end with no fix near it). */
const TICK = 60_000;

export interface Replayed {
  readonly events: readonly ViolationEvent[];
  readonly fixes: number;
}

/** Saved day reports (report-store.ts). */
export interface SavedDays {
  load(range: DayRange): DayReport[];
}

export async function replayVehicle(route: VehicleRoute, history: PositionHistory, saved: SavedDays | undefined, now: number, lastTick: number | undefined): Promise<Replayed> {
  const id = route.vehicle.id;
  const plan = route.restorePlan(now);
  const [from, to] = [plan.seedDays[0], plan.seedDays.at(-1)];
  const seeds = from && to ? (saved?.load({ vehicleId: id, from, to }) ?? []) : [];
  // a day before today without a saved report (first start with stored fixes) is counted from the replay
  const complete = plan.seedDays.every((d) => seeds.some((r) => r.day === d));
  const events = route.resume(plan.replayFrom, complete ? plan.statsFrom : plan.replayFrom, complete ? seeds : []);
  let fixes = 0;
  let clock = plan.replayFrom;
  const tickUntil = (t: number): void => {
    for (; clock + TICK < t; clock += TICK) events.push(...route.tick(clock + TICK));
  };
  for (let t = plan.replayFrom; ; ) {
    const page = await history.track(id, t, now, PAGE);
    for (const p of page) {
      if (p.late) continue; // as live: a late fix is stored, not checked
      tickUntil(p.ts);
      events.push(...route.fix(p));
      clock = Math.max(clock, p.ts);
    }
    fixes += page.length;
    if (page.length < PAGE) break;
    t = page.at(-1)!.ts + 1;
  }
  // the clock's findings up to its last tick before the restart (late start of a silent vehicle, lost signal);
  // only forward in time: a tick older than the replay, or than the last fix, is left to the live clock
  if (lastTick !== undefined && lastTick <= now && lastTick >= clock) {
    tickUntil(lastTick);
    events.push(...route.tick(lastTick));
  }
  route.endReplay();
  return { events, fixes };
}

/**
 * After a failed replay, a fresh route for the vehicle: it continues the saved reports (today's included) from `now`
 * rather than overwriting them with a day counted from nothing; its clock starts at `now` without publishing (no false
 * late start for a vehicle that worked before the restart). Coverage of a window in progress restarts from `now`.
 */
export function startAfresh(fresh: VehicleRoute, saved: SavedDays | undefined, now: number): readonly ViolationEvent[] {
  const plan = fresh.restorePlan(now);
  const seeds = saved?.load({ vehicleId: fresh.vehicle.id, from: plan.seedDays[0] ?? plan.today, to: plan.today }) ?? [];
  const events = fresh.resume(now, now, seeds);
  fresh.endReplay();
  return events;
}
