import { describe, expect, it } from 'vitest';
import { routeUnit } from './routing.ts';

describe('routeUnit', () => {
  const routes = [
    { category: '05-04', grid: '320302001002', unit: 'squad-north' },
    { category: '05-*', grid: '*', unit: 'squad' },
    { category: '01-02', grid: '3203', unit: 'sanitation' },
    { category: '*', grid: '*', unit: 'centre' },
  ];
  it.each([
    ['exact category in a grid prefix', '05-04', '320302001002017', 'squad-north'],
    ['exact category elsewhere falls to the major class', '05-04', '320302001001017', 'squad'],
    ['major class', '05-10', undefined, 'squad'],
    ['grid prefix', '01-02', '320302001001001', 'sanitation'],
    ['no cell does not match a grid prefix', '01-02', undefined, 'centre'],
    ['catch-all', '90-01', '1', 'centre'],
  ])('%s', (_n, category, cell, unit) => {
    expect(routeUnit(routes, category, cell)).toBe(unit);
  });
  it('answers undefined when nothing matches', () => {
    expect(routeUnit(routes.slice(0, 3), '90-01', undefined)).toBeUndefined();
  });
});
