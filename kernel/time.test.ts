import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkTimeZone,
  hhmmMinutes,
  inAnyWindow,
  inWindow,
  isoLocal,
  isTimeZone,
  localDateTime,
  localParts,
  localTime,
  localToInstant,
  tzOffsetMs,
  weekday,
  zonedToEpoch,
} from './time.ts';

// 2026-03-06 is a Friday. 10:00 UTC = 18:00 in Shanghai.
const fri1800Shanghai = Date.parse('2026-03-06T10:00:00Z');
const ny = 'America/New_York';
const H = 3_600_000;

describe('local time', () => {
  it('converts to the zone wall clock, weekday and day', () => {
    expect(localTime(fri1800Shanghai, 'Asia/Shanghai')).toEqual({ minutes: 18 * 60, weekday: 5, day: '2026-03-06' });
    expect(localTime(fri1800Shanghai, 'UTC')).toEqual({ minutes: 10 * 60, weekday: 5, day: '2026-03-06' });
    // 23:30 UTC Friday is already Saturday 07:30 in Shanghai
    expect(localTime(Date.parse('2026-03-06T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      minutes: 450,
      weekday: 6,
      day: '2026-03-07',
    });
    expect(localParts(Date.parse('2026-12-31T16:00:05Z'), 'Asia/Shanghai')).toEqual({
      y: 2027,
      m: 1,
      d: 1,
      hh: 0,
      mm: 0,
      ss: 5,
    });
    expect(localDateTime(fri1800Shanghai, 'Asia/Shanghai')).toBe('2026-03-06 18:00:00');
  });

  it('knows the offset on both sides of a daylight-saving change', () => {
    expect(tzOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Shanghai')).toBe(8 * H);
    // New York springs forward at 2026-03-08 02:00 EST (07:00 UTC) and falls back at 2026-11-01 02:00 EDT (06:00 UTC).
    expect(tzOffsetMs(Date.UTC(2026, 2, 8, 6, 59), ny)).toBe(-5 * H);
    expect(tzOffsetMs(Date.UTC(2026, 2, 8, 7, 0), ny)).toBe(-4 * H);
    expect(tzOffsetMs(Date.UTC(2026, 10, 1, 5, 59), ny)).toBe(-4 * H);
    expect(tzOffsetMs(Date.UTC(2026, 10, 1, 6, 0), ny)).toBe(-5 * H);
    expect(isoLocal(Date.UTC(2026, 2, 8, 6, 30), ny)).toBe('2026-03-08T01:30:00-05:00');
    expect(isoLocal(Date.UTC(2026, 2, 8, 7, 30), ny)).toBe('2026-03-08T03:30:00-04:00');
    expect(isoLocal(Date.UTC(2026, 10, 23, 1, 30), 'Asia/Shanghai')).toBe('2026-11-23T09:30:00+08:00');
  });

  it('turns local wall-clock times back into instants, across daylight saving', () => {
    expect(zonedToEpoch(Date.UTC(2026, 2, 8, 1, 30), ny)).toBe(Date.UTC(2026, 2, 8, 6, 30)); // before the change (EST)
    expect(zonedToEpoch(Date.UTC(2026, 2, 8, 12, 0), ny)).toBe(Date.UTC(2026, 2, 8, 16, 0)); // after (EDT)
    // Local midnight to midnight on the spring-forward day is 23 hours, on the fall-back day 25.
    const day = { y: 2026, m: 3, d: 8 };
    expect(localToInstant(day, 1440, ny) - localToInstant(day, 0, ny)).toBe(23 * H);
    const fall = { y: 2026, m: 11, d: 1 };
    expect(localToInstant(fall, 1440, ny) - localToInstant(fall, 0, ny)).toBe(25 * H);
    expect(localToInstant({ y: 2026, m: 11, d: 23 }, 8 * 60 + 30, 'Asia/Shanghai')).toBe(
      Date.parse('2026-11-23T08:30:00+08:00'),
    );
  });

  it('steps dates over month and year ends, and names weekdays', () => {
    expect(addDays({ y: 2026, m: 12, d: 31 }, 1)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(addDays({ y: 2028, m: 3, d: 1 }, -1)).toEqual({ y: 2028, m: 2, d: 29 });
    expect(weekday({ y: 2026, m: 3, d: 6 })).toBe(5);
    expect(weekday({ y: 2026, m: 3, d: 8 })).toBe(0);
  });

  it('checks zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('windows', () => {
  const nightMarket = { start: '18:00', end: '23:00' };
  it('reads "HH:MM" as minutes since midnight', () => {
    expect([hhmmMinutes('00:00'), hhmmMinutes('08:30'), hhmmMinutes('24:00')]).toEqual([0, 510, 1440]);
  });
  it('is inside from start (inclusive) to end (exclusive)', () => {
    expect(inWindow(nightMarket, { minutes: 18 * 60, weekday: 1, day: '' })).toBe(true);
    expect(inWindow(nightMarket, { minutes: 22 * 60 + 59, weekday: 1, day: '' })).toBe(true);
    expect(inWindow(nightMarket, { minutes: 23 * 60, weekday: 1, day: '' })).toBe(false);
    expect(inWindow(nightMarket, { minutes: 17 * 60 + 59, weekday: 1, day: '' })).toBe(false);
    expect(inWindow({ start: '08:00', end: '08:00' }, { minutes: 8 * 60, weekday: 1, day: '' })).toBe(false);
  });
  it('respects weekdays, and a wrapping window counts after midnight to the day it began', () => {
    const weekendNights = { start: '20:00', end: '02:00', weekdays: [5, 6] };
    expect(inWindow(weekendNights, { minutes: 21 * 60, weekday: 5, day: '' })).toBe(true);
    expect(inWindow(weekendNights, { minutes: 21 * 60, weekday: 4, day: '' })).toBe(false);
    expect(inWindow(weekendNights, { minutes: 60, weekday: 6, day: '' })).toBe(true); // Friday night, 01:00 Saturday
    expect(inWindow(weekendNights, { minutes: 60, weekday: 5, day: '' })).toBe(false); // Thursday night
    expect(inWindow(weekendNights, { minutes: 3 * 60, weekday: 6, day: '' })).toBe(false);
    // Saturday night runs into Sunday (weekday 0): the wrap goes from 0 back to 6.
    expect(inWindow(weekendNights, { minutes: 90, weekday: 0, day: '' })).toBe(true);
    // midnight itself
    expect(inWindow({ start: '22:00', end: '06:00' }, { minutes: 0, weekday: 3, day: '' })).toBe(true);
  });
  it('evaluates epoch times in the zone', () => {
    expect(inAnyWindow([{ start: '18:00', end: '23:00' }], fri1800Shanghai, 'Asia/Shanghai')).toBe(true);
    expect(inAnyWindow([{ start: '18:00', end: '23:00' }], fri1800Shanghai, 'UTC')).toBe(false);
    expect(inAnyWindow([], fri1800Shanghai, 'UTC')).toBe(false);
  });
});
