import { describe, expect, it } from 'vitest';
import { offRouteRule, type OffRouteParams } from './off-route.ts';
import { fix, runTimeline, sec, summary } from './timeline.ts';

const p: OffRouteParams = { corridorM: 30, debounceM: 100, debounceS: 60, clearS: 30 };
const run = (events: Parameters<typeof runTimeline>[3]) => runTimeline(offRouteRule, {}, p, events);
/** Fixes every 5 s from `a` to `b` seconds, outside the corridor, 10 m apart. */
const outside = (a: number, b: number, movedM = 10) => {
  const out = [];
  for (let s = a; s <= b; s += 5) out.push(fix(s, { inCorridor: false, offRouteM: 80, movedM }));
  return out;
};

describe('off-route rule (timeline)', () => {
  it('a long excursion is one violation, from leaving the corridor to clearing it', () => {
    const v = run([fix(0), ...outside(5, 300), fix(305), fix(320), fix(335), fix(340)]);
    expect(summary(v).filter((s) => !s.startsWith('update'))).toEqual(['start off-route @5', 'end off-route @5..305']);
    expect(v.filter((c) => c.phase === 'update').length).toBeGreaterThan(0);
    const end = v.at(-1)!;
    expect(end.track.length).toBeGreaterThan(50);
    expect(end.description).toMatch(/off the assigned route for 590 m, up to 80 m from it/);
  });

  it('debounce: a short cross-street excursion (under 60 s) is not a violation', () => {
    expect(run([fix(0), ...outside(5, 50, 20), fix(55), fix(60), ...outside(65, 110, 20), fix(115)])).toEqual([]);
  });

  it('debounce on distance: standing outside the corridor for minutes (driven < 100 m) is not off-route', () => {
    expect(run([fix(0), ...outside(5, 600, 0.1)])).toEqual([]);
  });

  it('brief returns inside the corridor (< clearS) do not split one breach', () => {
    const v = run([...outside(0, 100), fix(105), ...outside(110, 200), fix(205), fix(240)]);
    expect(summary(v).filter((s) => !s.startsWith('update'))).toEqual(['start off-route @0', 'end off-route @0..205']);
  });

  it('GPS gap: the time outside spans the gap; the breach starts when the vehicle left', () => {
    const v = run([
      fix(0),
      fix(5, { inCorridor: false, offRouteM: 60 }),
      fix(400, { inCorridor: false, offRouteM: 60, movedM: 900 }),
    ]);
    expect(summary(v)).toEqual(['start off-route @5']);
  });

  it('off duty (outside every window) nothing counts, and an open breach ends', () => {
    expect(
      run(outside(0, 300).map((e) => (e.type === 'fix' ? { ...e, fix: { ...e.fix, onDuty: false } } : e))),
    ).toEqual([]);
    const v = run([...outside(0, 100), fix(105, { inCorridor: false, onDuty: false })]);
    expect(summary(v)).toEqual(['start off-route @0', 'end off-route @0..105']);
  });

  it('a window end closes an open breach', () => {
    const w = { key: 'k', start: sec(-100), end: sec(200) };
    const v = run([
      ...outside(0, 100),
      {
        at: sec(200),
        event: {
          type: 'window-end',
          window: w,
          scheduled: true,
          coverage: 1,
          assignedM: 1,
          coveredM: 1,
          missed: [],
          missedNames: [],
          where: null,
        },
      },
    ]);
    expect(summary(v)).toEqual(['start off-route @0', 'end off-route @0..200']);
  });
});
