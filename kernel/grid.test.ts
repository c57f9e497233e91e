import { describe, expect, it } from 'vitest';
import { distanceM } from './geo.ts';
import { createGridLocator } from './grid.ts';

describe('createGridLocator', () => {
  const locate = createGridLocator({
    cells: [
      {
        code: 'P-A',
        polygon: [
          [118.0, 34.0],
          [118.001, 34.0],
          [118.001, 34.001],
          [118.0, 34.001],
        ],
      },
      // A triangle: its bounding box covers points it does not contain.
      {
        code: 'P-T',
        polygon: [
          [118.002, 34.0],
          [118.004, 34.0],
          [118.002, 34.002],
        ],
      },
    ],
    regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 50, rows: 40, prefix: '320302001' },
  });

  it('finds polygon cells by point-in-polygon, before the regular grid', () => {
    expect(locate({ lon: 118.0005, lat: 34.0005 })).toBe('P-A');
    expect(locate({ lon: 118.0025, lat: 34.0005 })).toBe('P-T');
  });

  it('falls back to the regular grid outside the polygons (also inside a polygon bounding box)', () => {
    // In P-T's bounding box but outside the triangle.
    const p = { lon: 118.0038, lat: 34.0018 };
    const code = locate(p);
    expect(code).toMatch(/^320302001\d{6}$/);
    expect(code).not.toBe('P-T');
  });

  it('codes regular cells by row and column counted in metres from the south-west corner', () => {
    // 250 m north, 430 m east of the origin → row 3, column 5.
    const lat = 34.0 + 250 / 111_195.08;
    const lon = 118.0 + 430 / (111_195.08 * Math.cos((34 * Math.PI) / 180));
    expect(distanceM({ lat: 34, lon: 118 }, { lat, lon: 118 })).toBeCloseTo(250, 0);
    expect(locate({ lat, lon })).toBe('320302001003005');
  });

  it('answers undefined outside every cell', () => {
    expect(locate({ lon: 117.9, lat: 34.0005 })).toBeUndefined();
    expect(locate({ lon: 118.5, lat: 34.5 })).toBeUndefined();
    expect(createGridLocator({ cells: [] })({ lon: 1, lat: 1 })).toBeUndefined();
  });
});
