import { describe, expect, it } from 'vitest';
import { epochToMs, parseIsoTime } from './time.ts';

describe('trace times', () => {
  it('ISO with Z, offsets with and without colon, fractions, space separator', () => {
    expect(parseIsoTime('2014-09-10T06:54:07+02:00')).toBe(Date.UTC(2014, 8, 10, 4, 54, 7));
    expect(parseIsoTime('2014-09-10 06:54:07+0200')).toBe(Date.UTC(2014, 8, 10, 4, 54, 7));
    expect(parseIsoTime('2014-09-10T06:54:07.25Z')).toBe(Date.UTC(2014, 8, 10, 6, 54, 7, 250));
    expect(parseIsoTime('2014-09-10T06:54-05')).toBe(Date.UTC(2014, 8, 10, 11, 54));
    expect(parseIsoTime('10/09/2014')).toBeNull();
  });

  it('wall times in a zone, across daylight saving', () => {
    expect(parseIsoTime('2015-12-10T07:04:47', 'America/New_York')).toBe(Date.UTC(2015, 11, 10, 12, 4, 47));
    expect(parseIsoTime('2015-07-10T07:04:47', 'America/New_York')).toBe(Date.UTC(2015, 6, 10, 11, 4, 47));
    // after the change (EDT)
    expect(parseIsoTime('2026-03-08T12:00:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 16));
    expect(parseIsoTime('2026-03-08T01:30:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 6, 30)); // before (EST)
    expect(parseIsoTime('2026-05-01T08:00:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 4, 1, 0));
  });

  it('epoch seconds vs milliseconds', () => {
    expect(epochToMs(1449749087)).toBe(1449749087000);
    expect(epochToMs(1449749087.5)).toBe(1449749087500);
    expect(epochToMs(1449749087000)).toBe(1449749087000);
  });
});
