import { describe, expect, it } from 'vitest';
import { instantString, intString, strictNumber } from './strict.ts';

describe('strict API numbers', () => {
  it('intString takes digits only', () => {
    const s = intString(1, 200);
    expect(s.parse('50')).toBe(50);
    for (const bad of ['', ' ', '0x10', '1e2', '5.5', 'true', 'Infinity', '0', '201', ' 5'])
      expect(s.safeParse(bad).success, bad).toBe(false);
  });

  it('strictNumber takes JSON numbers and plain decimal strings, nothing coerced', () => {
    const s = strictNumber(-90, 90);
    expect([s.parse(31.2), s.parse('31.25'), s.parse('-0.5')]).toEqual([31.2, 31.25, -0.5]);
    for (const bad of ['', null, true, '0x10', '1e1', ' 1', Number.NaN, [], {}, '91', 91])
      expect(s.safeParse(bad).success, String(bad)).toBe(false);
    expect(s.safeParse('').error?.issues[0]?.message).toContain('empty string');
  });

  it('instantString takes epoch ms and ISO-8601, refuses what Date.parse would guess at', () => {
    expect(instantString.parse('1700000000000')).toBe(1700000000000);
    expect(instantString.parse('2026-11-01T00:00:00+08:00')).toBe(Date.parse('2026-10-31T16:00:00Z'));
    expect(instantString.parse('2026-11-01')).toBe(Date.parse('2026-11-01'));
    for (const bad of ["' OR '1'='1", 'Nov 1 2026', '1 2', '', '99999999999999999', '2026-13-45'])
      expect(instantString.safeParse(bad).success, bad).toBe(false);
  });
});
