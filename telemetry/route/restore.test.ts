/**
 * A restart in the middle of a work window (real data: the demo S-4 plan, 07:00–09:30, and the real Jersey City S-4
 * trace of 2015-12-10): the restarted service replays the day's stored fixes, so the window's coverage, the day's
 * report and the open violations go on as if it had never stopped, nothing already published is published again, and
 * no false late start is reported. Without the replay (the control) the same restart loses what was driven before it.
 */
import { describe, expect, it } from 'vitest';
import { EventBus, type ViolationEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { openDatabase } from '../../kernel/db.ts';
import { silentLogger } from '../../kernel/log.ts';
import type { Position } from '../../kernel/types/index.ts';
import { jerseyConfigFile } from '../../demo/index.ts';
import type { DayReport } from './day-stats.ts';
import { DayReportStore, routeMigrations } from './report-store.ts';
import { RouteService } from './service.ts';
import { s4Positions } from './testing.ts';

const CRASH = Date.parse('2015-12-10T08:00:00-05:00');
const EVENING = Date.parse('2015-12-10T23:00:00-05:00');

/** The position store's track() over an array (paged, like the real one), answering once `gate` resolves. */
const history = (stored: readonly Position[], gate: Promise<void> = Promise.resolve()) => ({
  asked: [] as string[],
  async track(vehicleId: string, from: number, to: number, limit = 100_000): Promise<Position[]> {
    this.asked.push(vehicleId);
    await gate;
    return stored.filter((p) => p.vehicleId === vehicleId && p.ts >= from && p.ts <= to).slice(0, limit);
  },
});

function service(startAt: number, reports: DayReportStore, awaitRestore: boolean) {
  const { config, baseDir } = loadConfigFile(jerseyConfigFile);
  const clock = new ManualClock(startAt);
  const bus = new EventBus();
  const events: ViolationEvent[] = [];
  /** When (clock time) each event was published. */
  const at: number[] = [];
  bus.on('violation', (e) => {
    events.push(e);
    at.push(clock.now());
  });
  const svc = new RouteService(
    { config, baseDir, dataDir: '/tmp', bus, log: silentLogger(), clock, startedAt: startAt },
    { tickMs: 0, reports: () => reports, awaitRestore },
  );
  return { svc, clock, events, at };
}

/** Feed fixes as the pipeline does live: the clock at each fix's time, a tick, the fix. */
function feed(s: ReturnType<typeof service>, fixes: readonly Position[]): void {
  for (const p of fixes) {
    s.clock.set(p.ts);
    s.svc.tick();
    s.svc.observe(p);
  }
}

const s4Day = (svc: RouteService) => svc.reports({ vehicleId: 'S-4' })[0]!;
const newStore = () => new DayReportStore(openDatabase(':memory:', routeMigrations));

describe('RouteService restarted in a work window (real S-4 day)', () => {
  const fixes = s4Positions();
  const before = fixes.filter((p) => p.ts <= CRASH);
  const after = fixes.filter((p) => p.ts > CRASH + 60_000);

  it('replays the stored fixes: coverage, report, open violations continue; nothing is published twice', async () => {
    expect(before.length).toBeGreaterThan(20);
    expect(after.length).toBeGreaterThan(50);
    const reference = service(fixes[0]!.ts, newStore(), false);
    await reference.svc.start();
    feed(reference, [...before, ...after]); // the fixes of the minute it was down are lost for both
    reference.clock.set(EVENING);
    reference.svc.tick();

    const store = newStore();
    const first = service(fixes[0]!.ts, store, false);
    await first.svc.start();
    feed(first, before); // then killed: no stop(), the last tick's save is what the database has
    const openAtCrash = first.svc.openViolations().map((v) => v.id);

    const second = service(CRASH + 60_000, store, true);
    await second.svc.start();
    let open = (): void => {};
    const h = history(before, new Promise<void>((r) => (open = r)));
    await second.svc.restore(h); // returns at once: the replay runs in the background
    // live fixes and ticks while the replay waits on the store: held, nothing judged or published yet
    feed(second, after.slice(0, 5));
    expect(second.svc.health().stats).toMatchObject({ restoring: 3 });
    // the saved day, not a half replay
    expect(second.svc.reports({ vehicleId: 'S-4' })).toEqual(store.load({ vehicleId: 'S-4' }));
    expect(second.events).toEqual([]);
    open();
    await second.svc.whenRestored();
    expect(second.svc.health().stats).toMatchObject({ restoring: 0 });
    expect(h.asked.filter((id) => id === 'S-4')).toHaveLength(1);
    expect(second.svc.route('S-4')?.lastFixTs).toBe(after[4]!.ts); // the held fixes were applied after the replay
    const replayedOpen = second.svc.openViolations().map((v) => v.id);
    expect(openAtCrash).toContain('S-12:late-start:1449749700000'); // a silent vehicle's, found by the clock
    for (const id of openAtCrash)
      if (!second.events.some((e) => e.violation.id === id && e.phase === 'end')) expect(replayedOpen).toContain(id);
    feed(second, after.slice(5));
    second.clock.set(EVENING);
    second.svc.tick();

    const [want, got] = [s4Day(reference.svc), s4Day(second.svc)];
    expect(got.windows.map((w) => w.key)).toEqual(['2015-12-10#0']);
    expect(got.windows[0]!.coveredM).toBeCloseTo(want.windows[0]!.coveredM, 0);
    expect(got.coverage).toBeCloseTo(want.coverage!, 3);
    expect(got.fixes).toBe(want.fixes);
    expect(got.distanceM).toBeCloseTo(want.distanceM, 0);
    expect(got.workingS).toBeCloseTo(want.workingS, 3);
    expect(got.violations).toEqual(want.violations);
    // what the second run published is what the reference published after the last tick before the crash
    const changes = (events: readonly ViolationEvent[]) =>
      events.filter((e) => e.phase !== 'update').map((e) => `${e.phase} ${e.violation.id}`);
    expect(changes(second.events)).toEqual(
      changes(reference.events.filter((_, i) => reference.at[i]! > before.at(-1)!.ts)),
    );
    await Promise.all([reference.svc.stop(), second.svc.stop()]);
  });

  it('control: restarted without the replay, the window loses what was swept before the restart', async () => {
    const control = service(CRASH + 60_000, newStore(), false);
    await control.svc.start();
    feed(control, after);
    control.clock.set(EVENING);
    control.svc.tick();
    const replayed = service(CRASH + 60_000, newStore(), true);
    await replayed.svc.start();
    await replayed.svc.restore(history(before));
    await replayed.svc.whenRestored();
    feed(replayed, after);
    replayed.clock.set(EVENING);
    replayed.svc.tick();
    expect(s4Day(control.svc).coverage!).toBeLessThan(s4Day(replayed.svc).coverage! - 0.05);
    await Promise.all([control.svc.stop(), replayed.svc.stop()]);
  });

  it('shutdown during the replay: it stops before the store closes; half-replayed vehicles are not saved', async () => {
    const store = newStore();
    const first = service(fixes[0]!.ts, store, false);
    await first.svc.start();
    feed(first, before);
    const saved = store.load();
    const second = service(CRASH + 60_000, store, true);
    await second.svc.start();
    let open = (): void => {};
    await second.svc.restore(history(before, new Promise<void>((r) => (open = r))));
    const halted = second.svc.halt(); // what the telemetry service does before closing its store
    open();
    await halted;
    expect(second.svc.health().stats).toMatchObject({ restoring: 2, failures: 0 }); // the first vehicle finished
    await second.svc.stop();
    const replayed = [...second.svc.routes()][0]!.vehicle.id;
    const others = (days: readonly DayReport[]) => days.filter((d) => d.vehicleId !== replayed);
    expect(saved.length).toBeGreaterThan(1);
    expect(others(store.load())).toEqual(others(saved));
  });
});
