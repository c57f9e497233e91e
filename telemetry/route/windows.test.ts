import { describe, expect, it } from 'vitest';
import { windowAt, windowsBetween } from './windows.ts';

const ny = 'America/New_York';
const at = (iso: string): number => Date.parse(iso);

describe('work windows', () => {
  const windows = [
    { start: '05:00', end: '07:00' },
    { start: '14:00', end: '16:00', weekdays: [1, 2, 3, 4, 5] },
    { start: '22:00', end: '02:00' },
  ];

  it('finds the instance containing a time, in the plan time zone', () => {
    expect(windowAt(windows, ny, at('2015-12-10T10:30:00Z'))).toEqual({
      key: '2015-12-10#0',
      start: at('2015-12-10T10:00:00Z'),
      end: at('2015-12-10T12:00:00Z'),
    });
    expect(windowAt(windows, ny, at('2015-12-10T12:00:00Z'))).toBeNull(); // end is exclusive
    expect(windowAt(windows, ny, at('2015-12-10T19:30:00Z'))?.key).toBe('2015-12-10#1'); // Thursday
    expect(windowAt(windows, ny, at('2015-12-12T19:30:00Z'))).toBeNull(); // Saturday: weekdays only
  });

  it('windows past midnight belong to the day they start', () => {
    expect(windowAt(windows, ny, at('2015-12-11T06:30:00Z'))?.key).toBe('2015-12-10#2'); // 01:30 local
    expect(windowAt(windows, 'Asia/Shanghai', at('2026-03-02T15:00:00Z'))?.key).toBe('2026-03-02#2'); // 23:00 CST
  });

  it('lists instances overlapping a span, across a DST change', () => {
    const list = windowsBetween(
      [{ start: '05:00', end: '07:00' }],
      ny,
      at('2026-03-07T00:00:00Z'),
      at('2026-03-09T00:00:00Z'),
    );
    expect(list.map((w) => new Date(w.start).toISOString())).toEqual([
      '2026-03-07T10:00:00.000Z',
      '2026-03-08T09:00:00.000Z',
    ]);
  });
});
