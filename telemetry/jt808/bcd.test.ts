import { describe, expect, it } from 'vitest';
import { decodeBcd, decodeTime, encodeBcd, encodeTime } from './bcd.ts';

describe('BCD', () => {
  it('packs two digits a byte, left-padded', () => {
    expect(encodeBcd('13912345678', 6)).toEqual(Buffer.from([0x01, 0x39, 0x12, 0x34, 0x56, 0x78]));
    expect(decodeBcd(Buffer.from([0x01, 0x39, 0x12, 0x34, 0x56, 0x78]), 0, 6)).toBe('013912345678');
    expect(encodeBcd('13912345678', 10).toString('hex')).toBe('00000000013912345678');
  });

  it('refuses non-digits and nibbles above 9', () => {
    expect(() => encodeBcd('12a', 6)).toThrow(/decimal digits/);
    expect(() => encodeBcd('1234567890123', 6)).toThrow(/at most 12/);
    expect(decodeBcd(Buffer.from([0x1a]), 0, 1)).toBeNull();
  });

  it('times are YYMMDDhhmmss in UTC+8', () => {
    const ms = Date.parse('2026-03-01T17:02:03Z'); // 2026-03-02 01:02:03 in Beijing
    expect(encodeTime(ms).toString('hex')).toBe('260302010203');
    expect(decodeTime(encodeTime(ms), 0)).toBe(ms);
    expect(decodeTime(encodeTime(ms + 999), 0)).toBe(ms); // whole seconds
  });

  it('refuses impossible dates and times', () => {
    for (const hex of ['261302010203', '260230010203', '260431010203', '260302240000', '260302016000', '2603020100a0'])
      expect(decodeTime(Buffer.from(hex.padEnd(12, '0'), 'hex'), 0), hex).toBeNull();
  });
});
