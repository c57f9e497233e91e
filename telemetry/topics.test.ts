import { describe, expect, it } from 'vitest';
import { Topics } from './topics.ts';

describe('Topics', () => {
  const t = new Topics('city/gw');

  it('builds and parses position and status topics', () => {
    expect(t.position('S-4')).toBe('city/gw/vehicles/S-4/position');
    expect(t.parse(t.position('S-4'))).toEqual({ vehicleId: 'S-4', kind: 'position' });
    expect(t.parse(t.status('P.1'))).toEqual({ vehicleId: 'P.1', kind: 'status' });
    expect(t.allPositions).toBe('city/gw/vehicles/+/position');
  });

  it.each([
    'gridwatch/vehicles/S-4/position',
    'city/gw/vehicles/S-4',
    'city/gw/vehicles/S-4/position/extra',
    'city/gw/vehicles//position',
    'city/gw/vehicles/-bad/position',
    'city/gw/vehicles/S-4/command',
    `city/gw/vehicles/${'x'.repeat(65)}/position`,
  ])('rejects %s', (topic) => {
    expect(t.parse(topic)).toBeNull();
  });
});
