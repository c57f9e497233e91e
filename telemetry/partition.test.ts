import { describe, expect, it } from 'vitest';
import { fnv1a, ownsVehicle } from './partition.ts';

describe('partition', () => {
  it('FNV-1a 32-bit matches the reference values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('every vehicle is owned by exactly one of the workers, and the split is roughly even', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `V-${i}`);
    const count = 4;
    const owners = ids.map((id) => [0, 1, 2, 3].filter((index) => ownsVehicle(id, { count, index })));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    const sizes = [0, 1, 2, 3].map((i) => owners.filter((o) => o[0] === i).length);
    for (const s of sizes) expect(s).toBeGreaterThan(600);
  });
});
