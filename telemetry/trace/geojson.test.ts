import { describe, expect, it } from 'vitest';
import { parseTrace } from './read.ts';

const fc = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
const pt = (props: Record<string, unknown>, coords: unknown[] = [2, 1]) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Point', coordinates: coords },
});

describe('GeoJSON traces', () => {
  it('time, epoch ts, vehicle, speed and heading properties', () => {
    const t = parseTrace(
      fc([pt({ time: '2024-01-01T00:00:10Z', vehicle_id: 'V', speed_kmh: 7, heading: 10 }), pt({ ts: 1704067200 })]),
      'p.geojson',
    );
    expect(t).toEqual([
      { ts: Date.UTC(2024, 0, 1), lat: 1, lon: 2 },
      { vehicleId: 'V', ts: Date.UTC(2024, 0, 1, 0, 0, 10), lat: 1, lon: 2, speedKmh: 7, heading: 10 },
    ]);
  });

  it.each([
    ['{not json', /p.geojson: not valid JSON/],
    ['{"type":"Topology"}', /expected a GeoJSON FeatureCollection/],
    [
      fc([
        pt({ ts: 1 }),
        { type: 'Feature', properties: { ts: 2 }, geometry: { type: 'LineString', coordinates: [] } },
      ]),
      /p.geojson feature 1: field "geometry" must be a Point \(got LineString\)/,
    ],
    [fc([pt({ seq: 1 })]), /feature 0: properties need a time/],
    [fc([pt({ ts: 1 }, ['a', 1])]), /feature 0: field "lon" is not a number/],
  ])('bad GeoJSON %#', (text, message) => {
    expect(() => parseTrace(text, 'p.geojson')).toThrow(message);
  });
});
