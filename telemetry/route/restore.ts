/**
 * One vehicle's route state rebuilt after a restart from its stored fixes (the position store): the replay of the
 * day — from the start of a work window that began the day before and ran past midnight — and the clock judged up to
 * its last saved tick. It tells apart what it finds up to the vehicle's check mark (published before the restart) and
 * past it (to publish now).
 */
import type { ViolationEvent } from '../../kernel/bus.ts';
import type { PositionHistory } from '../stage.ts';
import type { CheckMark, DayRange } from './report-store.ts';
import type { DayReport } from './day-stats.ts';
import type { VehicleRoute } from './vehicle-route.ts';
import { zonedToEpoch } from '../../kernel/time.ts';
import { dayString, localDay, windowsBetween } from './windows.ts';

const PAGE = 10_000;
/** The clock replayed in gaps between fixes (lost signal, a window's late start or end with no fix near it). */
const TICK = 60_000;

export interface Replayed {
  /** Found up to the vehicle's check mark: published before the restart. */
  readonly events: readonly ViolationEvent[];
  /**
   * Found past the mark (fixes stored but never checked, e.g. held during an earlier interrupted replay): to publish.
   */
  readonly unpublished: readonly ViolationEvent[];
  readonly fixes: number;
}

/** Saved day reports (report-store.ts). */
export interface SavedDays {
  load(range: DayRange): DayReport[];
}

/**
 * Where a restarted service replays a vehicle's stored fixes from (`replayFrom`: the local day's start, or the start of
 * a work window that began the day before and ran past midnight) and from when those fixes count in the day statistics
 * (`statsFrom`: the local day's start); `seedDays` are the days before it the replay touches, whose saved reports the
 * replay continues.
 */
export function restorePlan(
  route: VehicleRoute,
  now: number,
): {
  readonly replayFrom: number;
  readonly statsFrom: number;
  readonly seedDays: readonly string[];
  readonly today: string;
} {
  const tz = route.timezone;
  const today = localDay(now, tz);
  const statsFrom = zonedToEpoch(today * 86_400_000, tz);
  const replayFrom = Math.min(
    statsFrom,
    ...windowsBetween(route.workWindows, tz, statsFrom, now + 1).map((w) => w.start),
  );
  const seedDays: string[] = [];
  for (let d = localDay(replayFrom, tz); d < today; d++) seedDays.push(dayString(d));
  return { replayFrom, statsFrom, seedDays, today: dayString(today) };
}

/**
 * Before a replay: continue the saved reports (days before `statsFrom`, or after a failed replay today's too) rather
 * than counting their fixes twice; the clock starts at `replayFrom` (windows ending after it are judged again, also
 * for a vehicle whose first stored fix comes after them).
 */
function resume(route: VehicleRoute, replayFrom: number, statsFrom: number, saved: readonly DayReport[]) {
  route.book.continueFrom(statsFrom, saved);
  return route.tick(replayFrom);
}

/**
 * Replay one vehicle. Without a mark (first start on stored fixes) everything found counts as published, not to flood
 * the room with old findings; fixes checked live after the last save but before the crash (under one tick) may be
 * published a second time under the same ids, which the case module absorbs.
 */
export async function replayVehicle(
  route: VehicleRoute,
  history: PositionHistory,
  saved: SavedDays | undefined,
  now: number,
  mark: CheckMark | undefined,
): Promise<Replayed> {
  const id = route.vehicle.id;
  const plan = restorePlan(route, now);
  const [from, to] = [plan.seedDays[0], plan.seedDays.at(-1)];
  const seeds = from && to ? (saved?.load({ vehicleId: id, from, to }) ?? []) : [];
  // a day before today without a saved report (first start with stored fixes) is counted from the replay
  const complete = plan.seedDays.every((d) => seeds.some((r) => r.day === d));
  // a vehicle never checked before (no mark) with nothing stored today: its clock starts now, not at replayFrom, so
  // the windows that ended before now are judged as its fixes reach them (a terminal's backlog arriving after the
  // start), not all at once by the first tick, before those fixes are in (telemetry/sim's backlog at the demo's start)
  const fresh = !mark && (await history.track(id, plan.replayFrom, now, 1)).length === 0;
  const statsFrom = complete ? plan.statsFrom : plan.replayFrom;
  if (fresh) route.book.continueFrom(statsFrom, complete ? seeds : []);
  const events = fresh ? [] : resume(route, plan.replayFrom, statsFrom, complete ? seeds : []);
  const unpublished: ViolationEvent[] = [];
  const found = (seen: boolean, evs: readonly ViolationEvent[]): void =>
    void (seen ? events : unpublished).push(...evs);
  const [tickMark, fixMark] = mark ? [mark.tick, mark.fix ?? -Infinity] : [Infinity, Infinity];
  let fixes = 0;
  let clock = plan.replayFrom;
  const tickUntil = (t: number): void => {
    for (; clock + TICK < t; clock += TICK) found(clock + TICK <= tickMark, route.tick(clock + TICK));
  };
  for (let t = plan.replayFrom; ; ) {
    const page = await history.track(id, t, now, PAGE);
    for (const p of page) {
      if (p.late) continue; // as live: a late fix is stored, not checked
      tickUntil(p.ts);
      found(p.ts <= fixMark, route.fix(p));
      clock = Math.max(clock, p.ts);
    }
    fixes += page.length;
    if (page.length < PAGE) break;
    t = page.at(-1)!.ts + 1;
  }
  // the clock's findings up to its last tick before the restart (late start of a silent vehicle, lost signal);
  // only forward in time: a tick older than the replay, or than the last fix, is left to the live clock
  if (mark && mark.tick <= now && mark.tick >= clock) {
    tickUntil(mark.tick);
    found(true, route.tick(mark.tick));
  }
  if (fresh) route.startClock(now);
  route.book.endReplay();
  return { events, unpublished, fixes };
}

/**
 * After a failed replay, a fresh route for the vehicle: it continues the saved reports (today's included) from `now`
 * rather than overwriting them with a day counted from nothing; its clock starts at `now` without publishing (no false
 * late start for a vehicle that worked before the restart), and windows that began before `now` are left unjudged (it
 * has seen only part of them: no coverage result, no violation). Returns what its first tick found (never published).
 */
export function startAfresh(
  fresh: VehicleRoute,
  saved: SavedDays | undefined,
  now: number,
): { readonly events: readonly ViolationEvent[]; readonly error?: unknown } {
  const plan = restorePlan(fresh, now);
  let seeds: DayReport[] = [];
  let error: unknown;
  try {
    seeds = saved?.load({ vehicleId: fresh.vehicle.id, from: plan.seedDays[0] ?? plan.today, to: plan.today }) ?? [];
  } catch (err) {
    error = err; // then with empty reports, but still muted and with partial windows unjudged
  }
  fresh.judgeWindowsFrom(now);
  const events = resume(fresh, now, now, seeds);
  fresh.book.endReplay();
  return { events, ...(error === undefined ? {} : { error }) };
}
