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
const streets = writeLines(gridLines().filter((l) => l.id === 'row1' || l.id === 'row2'));
const { config, baseDir } = testConfig({
  vehicles: [{ id: 'N1', type: 'sweeper', contractor: 'Night Co', plan: 'night' }],
  plans: [
    { id: 'night', streets, timezone: 'UTC', windows: [{ start: '22:00', end: '06:00' }], startGraceMinutes: 15 },
  ],
});

function service(startAt: number, db: Db, awaitRestore: boolean, onBadRow?: (err: Error) => void) {
  const clock = new ManualClock(startAt);
  const bus = new EventBus();
  const ctx: AppContext = { config, baseDir, dataDir: '/tmp', bus, log: silentLogger(), clock, startedAt: startAt };
  return {
    svc: new RouteService(ctx, { tickMs: 0, reports: () => new DayReportStore(db, onBadRow), awaitRestore }),
    clock,
    bus,
  };
}

/** Live: the clock ticks every minute and at each fix; fixes arrive in array order (a `late` one is skipped). */
function feed(s: ReturnType<typeof service>, fixes: readonly Position[], until: number): void {
  let t = s.clock.now();
  const tickTo = (to: number): void => {
    for (; t + 60_000 <= to; t += 60_000) {
      s.clock.set(t + 60_000);
      s.svc.tick();
    }
  };
  for (const p of fixes) {
    if (p.ts > t) {
      tickTo(p.ts);
      s.clock.set(p.ts);
      s.svc.tick();
      t = p.ts;
    }
    s.svc.observe(p);
  }
  tickTo(until);
  s.clock.set(until);
  s.svc.tick();
}

const days = (svc: RouteService) =>
  svc.reports().map((d) => ({
    day: d.day,
    fixes: d.fixes,
    workingS: d.workingS,
    windows: d.windows.map((w) => [w.key, Math.round(w.coveredM)]),
    violations: d.violations,
  }));
const hhmm = (day: 1 | 2, time: string): number => Date.parse(`2026-03-0${day}T${time}:00Z`);
const CRASH = hhmm(2, '01:00');

/**
 * The same fixes checked by a service that never stops (reference) and by one killed at `crash` and restarted a minute
 * later on the same database, replaying what the store holds (in time order, late fixes included). Returns both
 * services' day reports at `end` and the violation changes each published after the crash.
 */
async function restartAt(fixes: readonly Position[], crash: number, end: number, failing = false) {
  const published = (s: ReturnType<typeof service>) => {
    const out: string[] = [];
    s.bus.on(
      'violation',
      (e) =>
        void (
          s.clock.now() > crash &&
          e.phase !== 'update' &&
          out.push(`${e.phase} ${e.violation.kind}@${new Date(e.violation.start).toISOString().slice(11, 16)}`)
        ),
    );
    return out;
  };
  const reference = service(EVE, openDatabase(':memory:', routeMigrations), false);
  const want = published(reference);
  await reference.svc.start();
  feed(
    reference,
    fixes.filter((p) => p.ts <= crash || p.ts > crash + 60_000),
    end,
  ); // the minute it is down is lost to both
  const db = openDatabase(':memory:', routeMigrations);
  const first = service(EVE, db, false);
  await first.svc.start();
  feed(
    first,
    fixes.filter((p) => p.ts <= crash),
    crash,
  );
  const second = service(crash + 60_000, db, true);
  const got = published(second);
  await second.svc.start();
  const stored = fixes.filter((p) => p.ts <= crash).sort((x, y) => x.ts - y.ts);
  const asked: [number, number][] = [];
  await second.svc.restore({
    track: async (_id, from, to) => {
      asked.push([from, to]);
      if (failing) throw new Error('disk I/O error');
      return stored.filter((p) => p.ts >= from && p.ts <= to);
    },
  });
  await second.svc.whenRestored();
  feed(
    second,
    fixes.filter((p) => p.ts > crash + 60_000),
    end,
  );
  return {
    want: days(reference.svc),
    got: days(second.svc),
    wantPublished: want,
    gotPublished: got,
    asked,
    second: second.svc,
    savedAtCrash: new DayReportStore(db),
  };
}

const night = sweep('N1', hhmm(1, '22:05'), hhmm(2, '04:00'));

describe('RouteService restarted around a night window (22:00–06:00)', () => {
  it('restart at 01:00 in the window: replays from 22:00, continues the day before; as if not restarted', async () => {
    const r = await restartAt(night, CRASH, hhmm(2, '07:00'));
    expect(r.asked).toEqual([[EVE, CRASH + 60_000]]);
    expect(r.want.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(r.want[0]!.windows).toHaveLength(1); // the night window belongs to the day it started
    expect(r.want[0]!.fixes).toBe(night.filter((p) => p.ts < hhmm(2, '00:00')).length);
    expect(r.got).toEqual(r.want);
    expect(r.gotPublished).toEqual(r.wantPublished);
  });

  it('restarted at 08:00, after the window ended: the day before keeps its window and counts', async () => {
    const r = await restartAt(night, hhmm(2, '08:00'), hhmm(2, '09:00'));
    expect(r.asked).toEqual([[EVE, hhmm(2, '08:01')]]);
    expect(r.got).toEqual(r.want);
    expect(r.gotPublished).toEqual(r.wantPublished);
  });

  it('a vehicle first seen after its window: the missed window stays in the day report after a restart', async () => {
    const r = await restartAt(sweep('N1', hhmm(2, '07:00'), hhmm(2, '07:30')), hhmm(2, '07:30'), hhmm(2, '09:00'));
    expect(r.want[0]!.violations).toMatchObject({ 'late-start': 1, 'incomplete-coverage': 1 });
    expect(r.got).toEqual(r.want);
    expect(r.gotPublished).toEqual(r.wantPublished);
  });

  it('poor coverage found at 06:00 after a restart at 01:00 is counted on the day the window began', async () => {
    const r = await restartAt(sweep('N1', hhmm(1, '22:05'), hhmm(1, '22:11')), CRASH, hhmm(2, '07:00'));
    expect(r.want[0]!.violations).toMatchObject({ 'incomplete-coverage': 1 });
    expect(r.got).toEqual(r.want);
    expect(r.gotPublished).toEqual(r.wantPublished);
    expect(r.gotPublished).toContain('start incomplete-coverage@22:00');
  });

  it('a late fix (skipped live) is skipped by the replay too', async () => {
    // at 00:32 (today: counted by the replay) arrives after night[880], stamped 5 s before it, where the sweeper was
    // a minute earlier
    const late = { ...night[874]!, ts: night[880]!.ts - 5000, late: true };
    expect(new Date(late.ts).toISOString().slice(11, 16)).toBe('00:31');
    const r = await restartAt([...night.slice(0, 881), late, ...night.slice(881)], CRASH, hhmm(2, '07:00'));
    expect(r.got).toEqual(r.want);
  });

  it('a store failing in the replay: logged, counted; saved reports are continued, no false late start', async () => {
    const r = await restartAt(night, CRASH, hhmm(2, '07:00'), true);
    expect(r.second.health()).toMatchObject({ state: 'degraded', stats: { restoring: 0, failures: 1 } });
    const saved = r.savedAtCrash.load({ from: '2026-03-01', to: '2026-03-01' })[0]!;
    expect(r.got[0]!.fixes).toBe(saved.fixes); // the day before: as saved, not restarted from nothing
    expect(r.got[1]!.fixes).toBeGreaterThan(night.filter((p) => p.ts > CRASH + 60_000).length - 10);
    expect(r.gotPublished.filter((c) => c.includes('late-start'))).toEqual([]);
  });

  it('a failed replay leaves the window it saw only part of unjudged: no false incomplete coverage', async () => {
    const r = await restartAt(sweep('N1', hhmm(1, '22:05'), hhmm(2, '00:30')), CRASH, hhmm(2, '06:30'), true);
    expect(r.want[0]!.windows).toEqual([['2026-03-01#0', 600]]); // swept fully before the restart
    expect(r.got[0]!.windows).toEqual([]); // not judged rather than judged on the last 5 hours alone
    expect(r.gotPublished.filter((c) => c.includes('coverage'))).toEqual([]);
  });

  it("what was stored but never checked (after the vehicle's check mark) is published by the replay", async () => {
    const db = openDatabase(':memory:', routeMigrations);
    new DayReportStore(db).save([], hhmm(1, '21:30'), [{ vehicleId: 'N1', tick: hhmm(1, '21:30'), fix: null }]);
    const s = service(hhmm(1, '23:20'), db, true);
    const published: string[] = [];
    s.bus.on(
      'violation',
      (e) =>
        void published.push(
          `${e.phase} ${e.violation.kind}@${new Date(e.violation.start).toISOString().slice(11, 16)}`,
        ),
    );
    await s.svc.start();
    const stored = sweep('N1', hhmm(1, '23:00'), hhmm(1, '23:10'));
    await s.svc.restore({ track: async (_id, from, to) => stored.filter((p) => p.ts >= from && p.ts <= to) });
    await s.svc.whenRestored();
    expect(published).toEqual(['start late-start@22:15', 'end late-start@22:15']);
  });

  it('serves saved reports of days not in memory; the day in memory wins; a bad saved row skipped, named', async () => {
    const db = openDatabase(':memory:', routeMigrations);
    const store = new DayReportStore(db);
    const old = {
      vehicleId: 'N1',
      planId: 'night',
      day: '2026-02-27',
      fixes: 7,
      distanceM: 1,
      workingM: 1,
      workingS: 1,
      inBandS: 1,
      coverage: 0.5,
      meanPasses: 1,
      windows: [],
      violations: {},
    };
    store.save([old, { ...old, day: '2026-03-01', fixes: 1 }], EVE, [{ vehicleId: 'N1', tick: EVE, fix: null }]);
    expect(store.marks()).toEqual(new Map([['N1', { vehicleId: 'N1', tick: EVE, fix: null }]]));
    db.prepare("INSERT INTO route_day_reports VALUES ('N1', '2026-02-28', '{\"vehicleId\":', 0)").run();
    const bad: string[] = [];
    const s = service(EVE, db, false, (e) => bad.push(e.message));
    const svc = s.svc;
    await svc.start();
    feed(s, night.slice(0, 30), EVE + 10 * 60_000);
    const got = svc.reports({ from: '2026-02-01', to: '2026-03-31' });
    const held = svc.route('N1')!.reports()[0]!.fixes; // decided so far (the matcher holds the last few)
    expect(held).toBeGreaterThan(20);
    expect(got.map((d) => [d.day, d.fixes])).toEqual([
      ['2026-02-27', 7],
      ['2026-03-01', held],
    ]);
    expect(bad).toEqual([expect.stringMatching(/^route_day_reports \(N1, 2026-02-28\): .*JSON/)]);
    expect(svc.reports({ from: '2026-02-27', to: '2026-02-27' }).map((d) => d.day)).toEqual(['2026-02-27']);
  });
});
