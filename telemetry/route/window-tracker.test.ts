import { describe, expect, it } from 'vitest';
import { WindowTracker } from './window-tracker.ts';

describe('WindowTracker', () => {
  it('reports the current windows and each ended work window exactly once', () => {
    const w = new WindowTracker(
      [
        { start: '05:00', end: '07:00' },
        { start: '14:00', end: '16:00' },
      ],
      [{ start: '07:00', end: '10:00' }],
      'Asia/Shanghai',
    );
    const step = (iso: string) => {
      const t = Date.parse(iso);
      const s = w.at(t);
      return [
        s.work?.key ?? null,
        s.forbidden?.key ?? null,
        w
          .endedUntil(t)
          .map((x) => x.key)
          .join(','),
      ];
    };
    expect(step('2026-03-01T20:30:00Z')).toEqual([null, null, '']); // 04:30 local
    expect(step('2026-03-01T21:30:00Z')).toEqual(['2026-03-02#0', null, '']); // 05:30
    expect(step('2026-03-01T22:59:59Z')).toEqual(['2026-03-02#0', null, '']);
    expect(step('2026-03-01T23:00:00Z')).toEqual([null, '2026-03-02#0', '2026-03-02#0']); // 07:00: window 0 ended
    expect(step('2026-03-01T23:30:00Z')).toEqual([null, '2026-03-02#0', '']);
    // a jump over a whole window (silent vehicle, recorded trace) still reports it
    expect(step('2026-03-02T09:00:00Z')).toEqual([null, null, '2026-03-02#1']); // 17:00
    expect(step('2026-03-02T21:10:00Z')).toEqual(['2026-03-03#0', null, '']);
  });

  it('without windows nothing is scheduled and nothing ends', () => {
    const w = new WindowTracker([], [], 'UTC');
    expect(w.scheduled).toBe(false);
    w.at(0);
    w.endedUntil(0);
    w.at(1e10);
    expect(w.endedUntil(1e10)).toEqual([]);
  });
});
