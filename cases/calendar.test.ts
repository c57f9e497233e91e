import { describe, expect, it } from 'vitest';
import { addWorkingHours, isWorkday, workingHoursBetween, type WorkCalendar } from './calendar.ts';
import { isoLocal } from '../kernel/time.ts';

/** The demo calendar: 08:30–12:00 and 13:30–17:30, weekends off, 2026 National Day holidays and 调休 days. */
const cal: WorkCalendar = {
  timezone: 'Asia/Shanghai',
  hours: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekend: [0, 6],
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
};
const sh = (s: string): number => Date.parse(`${s}+08:00`);
const local = (t: number): string => isoLocal(t, 'Asia/Shanghai');

describe('addWorkingHours', () => {
  it.each([
    ['within one period', '2026-11-23T09:00:00', 2, '2026-11-23T11:00:00+08:00'],
    ['across the lunch break', '2026-11-23T11:00:00', 2, '2026-11-23T14:30:00+08:00'],
    ['starting before work', '2026-11-23T07:00:00', 1, '2026-11-23T09:30:00+08:00'],
    ['starting in the lunch break', '2026-11-23T12:30:00', 0.5, '2026-11-23T14:00:00+08:00'],
    ['starting after work', '2026-11-23T19:00:00', 1, '2026-11-24T09:30:00+08:00'],
    ['ending exactly at the end of the day', '2026-11-23T16:30:00', 1, '2026-11-23T17:30:00+08:00'],
    ['across a weekend (Fri 16:30 + 4 h)', '2026-11-20T16:30:00', 4, '2026-11-23T11:30:00+08:00'],
    ['from a Saturday', '2026-11-21T10:00:00', 1, '2026-11-23T09:30:00+08:00'],
    ['across National Day holidays and their weekend', '2026-09-30T16:00:00', 4, '2026-10-08T11:00:00+08:00'],
    ['onto a 调休 Saturday', '2026-10-09T17:00:00', 2, '2026-10-10T10:00:00+08:00'],
    ['a 调休 Sunday counts', '2026-09-19T12:00:00', 1, '2026-09-20T09:30:00+08:00'],
    ['two full working days (2 × 7.5 h)', '2026-11-23T08:30:00', 15, '2026-11-24T17:30:00+08:00'],
    ['one more hour spills into the third day', '2026-11-23T08:30:00', 16, '2026-11-25T09:30:00+08:00'],
    ['zero hours is the start itself', '2026-11-21T10:00:00', 0, '2026-11-21T10:00:00+08:00'],
  ])('%s', (_name, from, hours, expected) => {
    expect(local(addWorkingHours(cal, sh(from), hours))).toBe(expected);
  });

  it('counts in the calendar time zone, across a daylight-saving change', () => {
    const ny: WorkCalendar = {
      timezone: 'America/New_York',
      hours: [{ start: '09:00', end: '17:00' }],
      weekend: [0, 6],
      holidays: [],
      workdays: [],
    };
    // Fri 2026-03-06 16:00 EST + 2 h: 1 h on Friday, 1 h on Monday after clocks went forward on Sunday 03-08.
    const t = addWorkingHours(ny, Date.parse('2026-03-06T16:00:00-05:00'), 2);
    expect(new Date(t).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(isoLocal(t, 'America/New_York')).toBe('2026-03-09T10:00:00-04:00');
  });

  it('names the problem when a calendar has no working time at all', () => {
    expect(() =>
      addWorkingHours({ ...cal, weekend: [0, 1, 2, 3, 4, 5, 6], workdays: [] }, sh('2026-11-23T09:00:00'), 1),
    ).toThrow(/no working time/);
  });
});

describe('workingHoursBetween', () => {
  it('is the inverse of addWorkingHours', () => {
    for (const [from, h] of [
      ['2026-11-20T16:30:00', 4],
      ['2026-09-30T16:00:00', 4],
      ['2026-10-09T17:00:00', 2],
      ['2026-11-23T11:15:00', 7.25],
    ] as const) {
      expect(workingHoursBetween(cal, sh(from), addWorkingHours(cal, sh(from), h))).toBeCloseTo(h, 9);
    }
  });

  it('is 0 over a holiday and for reversed intervals', () => {
    expect(workingHoursBetween(cal, sh('2026-10-01T00:00:00'), sh('2026-10-07T23:59:00'))).toBe(0);
    expect(workingHoursBetween(cal, sh('2026-11-24T10:00:00'), sh('2026-11-23T10:00:00'))).toBe(0);
  });
});

describe('isWorkday', () => {
  it('applies holidays over weekdays and 调休 over weekends', () => {
    expect(isWorkday(cal, { y: 2026, m: 10, d: 1 })).toBe(false); // Thursday, holiday
    expect(isWorkday(cal, { y: 2026, m: 10, d: 10 })).toBe(true); // Saturday, 调休
    expect(isWorkday(cal, { y: 2026, m: 11, d: 22 })).toBe(false); // Sunday
    expect(isWorkday(cal, { y: 2026, m: 11, d: 23 })).toBe(true); // Monday
  });
});
