import { describe, expect, it } from 'vitest';
import { createGridLocator } from '../../../../../kernel/grid.ts';
import { cellAt, gridLines } from './grid-lines.ts';

const regular = {
  origin: [-74.1, 40.685] as [number, number],
  cellMeters: 100,
  columns: 60,
  rows: 80,
  prefix: '340702001',
};

describe('regular grid on the map', () => {
  it('draws rows + 1 parallels and columns + 1 meridians', () => {
    const lines = gridLines(regular);
    expect(lines).toHaveLength(81 + 61);
    expect(lines[0]![0]).toEqual([40.685, -74.1]);
  });

  it('names the same cell as the case module for points across the grid', () => {
    const locate = createGridLocator({ cells: [], regular });
    for (const [lat, lon] of [
      [40.7178, -74.0431],
      [40.7282, -74.0776],
      [40.6851, -74.0999],
      [40.75, -74.05],
      [40.0, -74.0],
    ]) {
      expect(cellAt(regular, lat!, lon!)).toBe(locate({ lat: lat!, lon: lon! }));
    }
  });
});
