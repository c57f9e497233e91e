/**
 * A restart during a night window (22:00–06:00) that began the day before: the replay starts at the window's start,
 * yesterday's saved report is continued (its fixes are not counted twice), and both days' reports end up as in a run
 * without the restart. Also: saved reports of days no longer in memory are served, and a bad saved row is skipped.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { openDatabase, type Db } from '../../kernel/db.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig } from '../../kernel/testing.ts';
import type { Position } from '../../kernel/types/index.ts';
import { DayReportStore, routeMigrations } from './report-store.ts';
import { RouteService } from './service.ts';
import { gridLines, sweep, writeLines } from './testing.ts';

const EVE = Date.parse('2026-03-01T22:00:00Z');
const CRASH = Date.parse('2026-03-02T01:00:00Z');
const END = Date.parse('2026-03-02T07:00:00Z');
const streets = writeLines(gridLines().filter((l) => l.id === 'row1' || l.id === 'row2'));
const { config, baseDir } = testConfig({
  vehicles: [{ id: 'N1', type: 'sweeper', contractor: 'Night Co', plan: 'night' }],
  plans: [{ id: 'night', streets, timezone: 'UTC', windows: [{ start: '22:00', end: '06:00' }], startGraceMinutes: 15 }],
});

function service(startAt: number, db: Db, awaitRestore: boolean, onBadRow?: (err: Error) => void) {
  const clock = new ManualClock(startAt);
  const ctx: AppContext = { config, baseDir, dataDir: '/tmp', bus: new EventBus(), log: silentLogger(), clock, startedAt: startAt };
  return { svc: new RouteService(ctx, { tickMs: 0, reports: () => new DayReportStore(db, onBadRow), awaitRestore }), clock };
}

function feed(s: ReturnType<typeof service>, fixes: readonly Position[], until: number): void {
  for (const p of fixes) {
    s.clock.set(p.ts);
    s.svc.tick();
    s.svc.observe(p);
  }
  s.clock.set(until);
  s.svc.tick();
}

const fixes = sweep('N1', EVE + 5 * 60_000, Date.parse('2026-03-02T04:00:00Z'));
const before = fixes.filter((p) => p.ts <= CRASH);
const after = fixes.filter((p) => p.ts > CRASH + 60_000);
const days = (svc: RouteService) => svc.reports().map((d) => ({ day: d.day, fixes: d.fixes, workingS: d.workingS, windows: d.windows.map((w) => [w.key, Math.round(w.coveredM)]), violations: d.violations }));

describe('RouteService restarted in a night window', () => {
  it('replays from 22:00, continues the saved report of the day before, and ends with both days as without the restart', async () => {
    const reference = service(EVE, openDatabase(':memory:', routeMigrations), false);
    await reference.svc.start();
    feed(reference, [...before, ...after], END);

    const db = openDatabase(':memory:', routeMigrations);
    const first = service(EVE, db, false);
    await first.svc.start();
    feed(first, before, CRASH);
    const second = service(CRASH + 60_000, db, true);
    await second.svc.start();
    const asked: [number, number][] = [];
    await second.svc.restore({
      track: async (_id, from, to) => {
        asked.push([from, to]);
        return before.filter((p) => p.ts >= from && p.ts <= to);
      },
    });
    await second.svc.whenRestored();
    expect(asked).toEqual([[EVE, CRASH + 60_000]]);
    feed(second, after, END);

    const want = days(reference.svc);
    expect(want.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(want[0]!.windows).toHaveLength(1); // the night window belongs to the day it started
    expect(want[0]!.fixes).toBe(before.filter((p) => p.ts < Date.parse('2026-03-02T00:00:00Z')).length);
    expect(days(second.svc)).toEqual(want);
  });

  it('serves saved reports of days not in memory; the day in memory wins; a bad saved row is skipped and named', async () => {
    const db = openDatabase(':memory:', routeMigrations);
    const store = new DayReportStore(db);
    const old = { vehicleId: 'N1', planId: 'night', day: '2026-02-27', fixes: 7, distanceM: 1, workingM: 1, workingS: 1, inBandS: 1, coverage: 0.5, meanPasses: 1, windows: [], violations: {} };
    store.save([old, { ...old, day: '2026-03-01', fixes: 1 }], EVE, EVE);
    expect(store.lastTick()).toBe(EVE);
    db.prepare("INSERT INTO route_day_reports VALUES ('N1', '2026-02-28', '{\"vehicleId\":', 0)").run();
    const bad: string[] = [];
    const s = service(EVE, db, false, (e) => bad.push(e.message));
    const svc = s.svc;
    await svc.start();
    feed(s, before.slice(0, 30), EVE + 10 * 60_000);
    const got = svc.reports({ from: '2026-02-01', to: '2026-03-31' });
    const held = svc.route('N1')!.reports()[0]!.fixes; // decided so far (the matcher holds the last few)
    expect(held).toBeGreaterThan(20);
    expect(got.map((d) => [d.day, d.fixes])).toEqual([['2026-02-27', 7], ['2026-03-01', held]]);
    expect(bad).toEqual([expect.stringMatching(/^route_day_reports \(N1, 2026-02-28\): .*JSON/)]);
    expect(svc.reports({ from: '2026-02-27', to: '2026-02-27' }).map((d) => d.day)).toEqual(['2026-02-27']);
  });

  it('a store that fails during the replay: logged and counted, the vehicle starts afresh and is checked live', async () => {
    const s = service(CRASH + 60_000, openDatabase(':memory:', routeMigrations), true);
    await s.svc.start();
    await s.svc.restore({ track: async () => Promise.reject(new Error('disk I/O error')) });
    await s.svc.whenRestored();
    expect(s.svc.health()).toMatchObject({ state: 'degraded', stats: { restoring: 0, failures: 1 } });
    feed(s, after, END);
    expect(s.svc.reports().map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']); // the window, and today's fixes
    expect(s.svc.reports()[1]!.fixes).toBeGreaterThan(100);
  });
});
