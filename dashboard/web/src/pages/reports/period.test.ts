import { describe, expect, it } from 'vitest';
import { addDays, dayStart, localDay, periodRange } from './period.ts';

describe('local days', () => {
  it('finds midnight in Shanghai and across a DST change in Berlin', () => {
    expect(dayStart('2026-05-06', 'Asia/Shanghai')).toBe(Date.parse('2026-05-06T00:00:00+08:00'));
    expect(dayStart('2026-03-29', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T00:00:00+01:00'));
    expect(dayStart('2026-03-30', 'Europe/Berlin')).toBe(Date.parse('2026-03-30T00:00:00+02:00'));
  });

  it('names the local day of an instant and steps days', () => {
    expect(localDay(Date.parse('2026-05-06T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-05-07');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    const [a, b] = periodRange('2026-05-01', '2026-05-07', 'Asia/Shanghai');
    expect((b - a) / 86_400_000).toBe(7);
  });
});
