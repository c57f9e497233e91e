import { describe, expect, it } from 'vitest';
import { forbiddenRule } from './forbidden.ts';
import { fix, runTimeline, sec, summary } from './timeline.ts';

const p = { debounceS: 30, clearS: 30 };
const rush = { key: '2026-03-02#0', start: sec(0), end: sec(3600) };

describe('forbidden-window rule (timeline)', () => {
  it('working in a forbidden window: one violation until work stops', () => {
    const events = [];
    for (let s = 0; s <= 300; s += 10) events.push(fix(s, { forbidden: rush }));
    for (let s = 310; s <= 400; s += 10) events.push(fix(s, { forbidden: rush, working: false }));
    expect(summary(runTimeline(forbiddenRule, {}, p, events)).filter((s) => !s.startsWith('update'))).toEqual([
      'start forbidden-window @0',
      'end forbidden-window @0..310',
    ]);
  });

  it('driving through a forbidden window without working is fine; so is a 20 s touch', () => {
    const events = [];
    for (let s = 0; s <= 300; s += 10) events.push(fix(s, { forbidden: rush, working: false }));
    expect(runTimeline(forbiddenRule, {}, p, events)).toEqual([]);
    expect(
      runTimeline(forbiddenRule, {}, p, [fix(0, { forbidden: rush }), fix(20, { forbidden: rush }), fix(30)]),
    ).toEqual([]);
  });
});
