/**
 * One vehicle's route state rebuilt after a restart from its stored fixes (the position store): the replay of the
 * day — from the start of a work window still in progress that began the day before — and the clock judged up to
 * its last saved tick. The events it returns were published before the restart; the caller keeps them unpublished.
 */
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { PositionHistory } from '../stage.ts';
import type { DayReportStore } from './report-store.ts';
import type { VehicleRoute } from './vehicle-route.ts';

const PAGE = 10_000;

export interface Replayed {
  readonly events: readonly ViolationEvent[];
  readonly fixes: number;
}

export async function replayVehicle(route: VehicleRoute, history: PositionHistory, store: DayReportStore | undefined, now: number, lastTick: number | undefined): Promise<Replayed> {
  const id = route.vehicle.id;
  const plan = route.restorePlan(now);
  const [from, to] = [plan.seedDays[0], plan.seedDays.at(-1)];
  const saved = from && to ? (store?.load({ vehicleId: id, from, to }) ?? []) : [];
  // a day before today without a saved report (first start with stored fixes) is counted from the replay
  const complete = plan.seedDays.every((d) => saved.some((r) => r.day === d));
  route.resume(complete ? plan.statsFrom : plan.replayFrom, complete ? saved : []);
  const events: ViolationEvent[] = [];
  let fixes = 0;
  for (let t = plan.replayFrom; ; ) {
    const page = await history.track(id, t, now, PAGE);
    for (const p of page) events.push(...route.fix(p));
    fixes += page.length;
    if (page.length < PAGE) break;
    t = page.at(-1)!.ts + 1;
  }
  // the clock's findings up to the last tick before the restart (late start of a silent vehicle, lost signal);
  // only forward in time: a tick older than the replay, or than the last fix, is left to the live clock
  if (lastTick !== undefined && lastTick <= now && lastTick >= plan.replayFrom && lastTick >= (route.lastFixTs ?? -Infinity)) {
    events.push(...route.tick(lastTick));
  }
  return { events, fixes };
}
