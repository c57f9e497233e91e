import { describe, expect, it } from 'vitest';
import { csvCell, csvTime, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, leaves plain cells alone', () => {
    expect(csvCell('人民路, 东侧')).toBe('"人民路, 东侧"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['车辆', '覆盖率'],
        [
          ['S-4', 0.93],
          ['P-1', null],
        ],
      ),
    ).toBe('车辆,覆盖率\r\nS-4,0.93\r\nP-1,\r\n');
  });

  it('writes times in the calendar zone, not UTC', () => {
    const ts = Date.parse('2026-12-04T16:30:05Z');
    expect(csvTime(ts, 'Asia/Shanghai')).toBe('2026-12-05 00:30:05');
    expect(csvTime(ts, 'America/New_York')).toBe('2026-12-04 11:30:05');
    expect(csvTime(undefined, 'Asia/Shanghai')).toBeUndefined();
  });
});
