/** The table checksum: the same for the same rows in any order, different for any changed, lost or extra row. */
import { describe, expect, it } from 'vitest';
import { canonicalValue, TableChecksum } from './checksum.ts';

const sum = (rows: Record<string, unknown>[], cols = ['id', 'v']): TableChecksum => {
  const c = new TableChecksum(cols);
  for (const r of rows) c.add(r);
  return c;
};

describe('TableChecksum', () => {
  const rows = [
    { id: 1, v: 'a' },
    { id: 2, v: null },
    { id: 3, v: 2.5 },
  ];

  it('does not depend on the order the rows come in', () => {
    expect(sum(rows).hex).toBe(sum([rows[2]!, rows[0]!, rows[1]!]).hex);
    expect(sum(rows).rows).toBe(3);
    expect(sum(rows).hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any changed, lost, extra or repeated row, and tells kinds apart', () => {
    const base = sum(rows).hex;
    expect(sum([{ id: 1, v: 'A' }, rows[1]!, rows[2]!]).hex).not.toBe(base);
    expect(sum(rows.slice(0, 2)).hex).not.toBe(base);
    expect(sum([...rows, rows[0]!]).hex).not.toBe(base);
    expect(sum([rows[0]!, { id: 2, v: '' }, rows[2]!]).hex).not.toBe(base); // NULL is not ''
    expect(sum([rows[0]!, rows[1]!, { id: 3, v: '2.5' }]).hex).not.toBe(base); // a number is not its text
    expect(sum(rows, ['v', 'id']).hex).not.toBe(base);
  });

  it('writes values so that equal values from either backend are equal text', () => {
    expect(canonicalValue(1800000000000)).toBe(canonicalValue(1800000000000n));
    expect(canonicalValue(3)).toBe('i3');
    expect(canonicalValue(0.1 + 0.2)).toBe('f0.30000000000000004');
    expect(canonicalValue(Buffer.from([0, 255]))).toBe(canonicalValue(new Uint8Array([0, 255])));
    expect(canonicalValue('a|b')).not.toBe(canonicalValue('a'));
    expect(canonicalValue(undefined)).toBe(canonicalValue(null));
    expect(() => canonicalValue({})).toThrow(/cannot checksum/);
  });
});
