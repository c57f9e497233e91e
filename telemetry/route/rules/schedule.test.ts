import { describe, expect, it } from 'vitest';
import { scheduleRule, type ScheduleParams } from './schedule.ts';
import { fix, runTimeline, sec, summary, tick } from './timeline.ts';
import type { RouteEvent } from './types.ts';

const p: ScheduleParams = { graceS: 900, coverageMin: 0.9 };
const w = { key: '2026-03-02#0', start: sec(0), end: sec(7200) };
const end = (coverage: number, missed: string[] = [], names: string[] = []): RouteEvent => ({
  type: 'window-end',
  window: w,
  scheduled: true,
  coverage,
  assignedM: 1000,
  coveredM: coverage * 1000,
  missed,
  missedNames: names,
  where: { lat: 34.7, lon: -86.5 },
});

describe('schedule rule: late start and coverage (timeline)', () => {
  it('no work by start + grace → late start from the due time to the first work', () => {
    const v = runTimeline(scheduleRule, {}, p, [
      fix(-60, { window: null, working: false }),
      { at: sec(600), event: tick(w, sec(-60)) },
      { at: sec(960), event: tick(w, sec(-60)) },
      fix(1200, { window: w, working: false }),
      fix(1500, { window: w }),
      { at: sec(7200), event: end(0.95) },
    ]);
    expect(summary(v)).toEqual(['start late-start @900', 'end late-start @900..1500']);
  });

  it('work within the grace: no late start', () => {
    expect(
      runTimeline(scheduleRule, {}, p, [
        fix(300, { window: w }),
        { at: sec(1000), event: tick(w, sec(300)) },
        { at: sec(7200), event: end(0.95) },
      ]),
    ).toEqual([]);
  });

  it('a silent vehicle with no ticks still gets a late start at the window end (recorded traces)', () => {
    expect(summary(runTimeline(scheduleRule, {}, p, [{ at: sec(7200), event: end(0.95) }]))).toEqual([
      'start late-start @900',
      'end late-start @900..7200',
    ]);
  });

  it('coverage below the minimum at the window end → one closed violation listing the missed streets', () => {
    const v = runTimeline(scheduleRule, {}, p, [
      fix(60, { window: w }),
      { at: sec(7200), event: end(0.6, ['r1:0', 'r1:1'], ['Oak St']) },
    ]);
    expect(summary(v)).toEqual(['start incomplete-coverage @0', 'end incomplete-coverage @0..7200']);
    expect(v[1]!.missed).toEqual(['r1:0', 'r1:1']);
    expect(v[1]!.description).toMatch(/covered 60\.0 % of 1000 m assigned \(minimum 90\.0 %\); missed: Oak St/);
  });
});

describe('schedule rule: every finding has a place and a track', () => {
  const home = { lat: 40.6875, lon: -74.0905 };
  it('a silent vehicle: the late start and the coverage finding are placed at home (never 0,0)', () => {
    const v = runTimeline(scheduleRule, {}, { ...p, home }, [
      { at: sec(960), event: tick(w, null) },
      { at: sec(7200), event: { ...(end(0) as Extract<RouteEvent, { type: 'window-end' }>), where: null } },
    ]);
    expect(v.map((c) => c.kind)).toEqual(['late-start', 'late-start', 'incomplete-coverage', 'incomplete-coverage']);
    for (const c of v) expect(c.where).toEqual(home);
  });

  it("the window's fixes (a point a minute) are the evidence of a late start and of the coverage", () => {
    const steps: RouteEvent[] = [];
    for (let s = 0; s <= 1200; s += 10) steps.push(fix(s, { window: w, working: false }));
    const v = runTimeline(scheduleRule, {}, { ...p, home }, [...steps, { at: sec(7200), event: end(0.5) }]);
    const late = v.find((c) => c.kind === 'late-start' && c.phase === 'start')!;
    expect(late.track.length).toBe(15); // 0, 60, … 840 s: the window before the due time
    const cov = v.find((c) => c.kind === 'incomplete-coverage')!;
    expect(cov.track.map((t) => t.ts)).toEqual(Array.from({ length: 21 }, (_, i) => sec(i * 60)));
  });
});
