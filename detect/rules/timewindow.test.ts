import { describe, expect, it } from 'vitest';
import { inAnyWindow, inWindow, localTime } from './timewindow.ts';

// 2026-03-06 is a Friday. 10:00 UTC = 18:00 in Shanghai.
const fri1800Shanghai = Date.parse('2026-03-06T10:00:00Z');

describe('local time', () => {
  it('converts to the zone wall clock, weekday and day', () => {
    expect(localTime(fri1800Shanghai, 'Asia/Shanghai')).toEqual({ minutes: 18 * 60, weekday: 5, day: '2026-03-06' });
    expect(localTime(fri1800Shanghai, 'UTC')).toEqual({ minutes: 10 * 60, weekday: 5, day: '2026-03-06' });
    // 23:30 UTC Friday is already Saturday 07:30 in Shanghai
    expect(localTime(Date.parse('2026-03-06T23:30:00Z'), 'Asia/Shanghai')).toEqual({ minutes: 450, weekday: 6, day: '2026-03-07' });
  });
});

describe('windows', () => {
  const nightMarket = { start: '18:00', end: '23:00' };
  it('is inside from start (inclusive) to end (exclusive)', () => {
    expect(inWindow(nightMarket, { minutes: 18 * 60, weekday: 1, day: '' })).toBe(true);
    expect(inWindow(nightMarket, { minutes: 22 * 60 + 59, weekday: 1, day: '' })).toBe(true);
    expect(inWindow(nightMarket, { minutes: 23 * 60, weekday: 1, day: '' })).toBe(false);
    expect(inWindow(nightMarket, { minutes: 17 * 60 + 59, weekday: 1, day: '' })).toBe(false);
  });
  it('respects weekdays, and a wrapping window counts after midnight to the day it began', () => {
    const weekendNights = { start: '20:00', end: '02:00', weekdays: [5, 6] };
    expect(inWindow(weekendNights, { minutes: 21 * 60, weekday: 5, day: '' })).toBe(true);
    expect(inWindow(weekendNights, { minutes: 21 * 60, weekday: 4, day: '' })).toBe(false);
    expect(inWindow(weekendNights, { minutes: 60, weekday: 6, day: '' })).toBe(true); // Friday night, 01:00 Saturday
    expect(inWindow(weekendNights, { minutes: 60, weekday: 5, day: '' })).toBe(false); // Thursday night
    expect(inWindow(weekendNights, { minutes: 3 * 60, weekday: 6, day: '' })).toBe(false);
  });
  it('evaluates epoch times in the zone', () => {
    expect(inAnyWindow([{ start: '18:00', end: '23:00' }], fri1800Shanghai, 'Asia/Shanghai')).toBe(true);
    expect(inAnyWindow([{ start: '18:00', end: '23:00' }], fri1800Shanghai, 'UTC')).toBe(false);
    expect(inAnyWindow([], fri1800Shanghai, 'UTC')).toBe(false);
  });
});
