import { describe, expect, it } from 'vitest';
import { signalLostRule } from './signal-lost.ts';
import { fix, runTimeline, sec, summary, tick } from './timeline.ts';

const p = { maxGapS: 300 };
const w = { key: '2026-03-02#0', start: sec(-3600), end: sec(86_400) };

describe('signal-lost with a backlog uploaded late (timeline)', () => {
  it('fixes a minute apart, dated an hour back, arriving now with clock ticks between them: no finding', () => {
    const steps = [];
    for (let i = 0; i < 30; i++) {
      const arrived = sec(3600 + i); // one fix a second on the wall clock, dated 60 s apart an hour earlier
      steps.push(fix(i * 60), { at: arrived + 500, event: tick(w, sec(i * 60), true, arrived) });
    }
    expect(runTimeline(signalLostRule, {}, p, steps)).toEqual([]);
  });

  it('a real gap inside the backlog is still found, between its fixes', () => {
    const arrival = (i: number) => ({ at: sec(3600 + i) + 500, event: tick(w, null, true, sec(3600 + i)) });
    const v = runTimeline(signalLostRule, {}, p, [fix(0), arrival(0), fix(60), arrival(1), fix(900), arrival(2)]);
    expect(summary(v)).toEqual(['start signal-lost @60', 'end signal-lost @60..900']);
    expect(v[1]!.description).toBe('no position for 840 s');
  });

  it('fixes stop arriving: the clock opens it maxGapS after the last arrival, at the last fix', () => {
    const v = runTimeline(signalLostRule, {}, p, [
      fix(0),
      { at: sec(3600), event: tick(w, sec(0), true, sec(3600)) },
      { at: sec(3800), event: tick(w, sec(0), true, sec(3600)) },
      { at: sec(3901), event: tick(w, sec(0), true, sec(3600)) },
    ]);
    expect(summary(v)).toEqual(['start signal-lost @0']);
  });
});
