import { describe, expect, it } from 'vitest';
import { signalLostRule } from './signal-lost.ts';
import { fix, runTimeline, sec, summary, tick } from './timeline.ts';

const p = { maxGapS: 300 };
const w = { key: '2026-03-02#0', start: sec(-3600), end: sec(7200) };

describe('signal-lost rule (timeline)', () => {
  it('live: a tick past the gap opens it at the last fix; the next fix closes it', () => {
    const v = runTimeline(signalLostRule, {}, p, [
      fix(0),
      fix(10),
      { at: sec(200), event: tick(w, sec(10)) },
      { at: sec(311), event: tick(w, sec(10)) },
      { at: sec(400), event: tick(w, sec(10)) },
      fix(900),
    ]);
    expect(summary(v)).toEqual(['start signal-lost @10', 'end signal-lost @10..900']);
    expect(v[1]!.description).toBe('no position for 890 s');
  });

  it('recorded trace: a gap between two fixes is one closed violation; short gaps are not', () => {
    const v = runTimeline(signalLostRule, {}, p, [fix(0), fix(250), fix(600), fix(601)]);
    expect(summary(v)).toEqual(['start signal-lost @250', 'end signal-lost @250..600']);
  });

  it('silence outside the work windows is not signal loss', () => {
    expect(
      runTimeline(signalLostRule, {}, p, [
        fix(0, { onDuty: false }),
        { at: sec(4000), event: tick(null, sec(0)) },
        fix(5000, { onDuty: false }),
      ]),
    ).toEqual([]);
  });

  it('a fix received but not yet matched keeps the signal alive (tick carries lastFixTs)', () => {
    expect(runTimeline(signalLostRule, {}, p, [fix(0), { at: sec(400), event: tick(w, sec(350)) }])).toEqual([]);
  });
});
