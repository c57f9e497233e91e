import { describe, expect, it } from 'vitest';
import { dayStart } from './day-start.ts';

describe('dayStart', () => {
  it('is local midnight of the calendar zone, also across a DST change', () => {
    expect(dayStart('2026-12-05', 0, 'Asia/Shanghai')).toBe(String(Date.parse('2026-12-05T00:00:00+08:00')));
    expect(dayStart('2026-12-31', 1, 'Asia/Shanghai')).toBe(String(Date.parse('2027-01-01T00:00:00+08:00')));
    expect(dayStart('2026-03-08', 0, 'America/New_York')).toBe(String(Date.parse('2026-03-08T00:00:00-05:00')));
    expect(dayStart('2026-03-09', 0, 'America/New_York')).toBe(String(Date.parse('2026-03-09T00:00:00-04:00')));
  });
});
