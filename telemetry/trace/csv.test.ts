import { describe, expect, it } from 'vitest';
import { InputError } from '../../kernel/errors.ts';
import { parseTrace } from './read.ts';
import { splitCsvLine } from './csv.ts';

const parse = (text: string, opts = {}) => parseTrace(text, 'fleet.csv', opts, 'csv');

describe('CSV traces', () => {
  it('reads epoch seconds and milliseconds, optional speed, heading and vehicle, and sorts by time', () => {
    const t = parse('vehicle_id,ts,lat,lon,speed_kmh,heading\nA,1700000060,1.5,2.5,12.5,90\nA,1700000000000,1,2,,\n');
    expect(t).toEqual([
      { vehicleId: 'A', ts: 1700000000000, lat: 1, lon: 2 },
      { vehicleId: 'A', ts: 1700000060000, lat: 1.5, lon: 2.5, speedKmh: 12.5, heading: 90 },
    ]);
  });

  it('quoted fields with commas, CRLF, BOM, extra columns, header aliases', () => {
    const t = parse(
      '\uFEFFtimestamp,latitude,longitude,address\r\n2024-01-01T00:00:00Z,1,2,"1 Main St, Jersey City"\r\n',
    );
    expect(t).toEqual([{ ts: Date.UTC(2024, 0, 1), lat: 1, lon: 2 }]);
    expect(splitCsvLine('a,"b ""c"", d",e')).toEqual(['a', 'b "c", d', 'e']);
  });

  it('relative seconds count from start', () => {
    expect(parse('t_rel_s,lon,lat\n1.5,2,1\n', { start: 1000 })).toEqual([{ ts: 2500, lat: 1, lon: 2 }]);
  });

  it.each([
    ['lat,lon\n1,2\n', /fleet.csv line 1: header needs a time column/],
    ['ts,x,y\n1,2,3\n', /fleet.csv line 1: header needs "lat" and "lon"/],
    ['ts,lat,lon\n1700000000,1,2\n1700000001,abc,2\n', /fleet.csv line 3: field "lat" is not a number \("abc"\)/],
    ['ts,lat,lon\n1700000000,95,2\n', /fleet.csv line 2: field "lat" is 95, outside -90..90/],
    ['ts,lat,lon\n1700000000,1,200\n', /line 2: field "lon" is 200, outside -180..180/],
    ['timestamp,lat,lon\nyesterday,1,2\n', /line 2: field "timestamp" is not an ISO 8601 time \("yesterday"\)/],
    ['timestamp,lat,lon\n2024-13-01T00:00:00Z,1,2\n', /line 2: field "timestamp" is not an ISO 8601 time/],
    ['ts,lat,lon\n,1,2\n', /line 2: field "ts" is missing/],
    ['ts,lat,lon\n1700000000,1\n', /line 2: 2 fields, the header has 3/],
    ['ts,lat,lon,speed_kmh\n1700000000,1,2,-5\n', /line 2: field "speed_kmh" is -5, outside 0..1000/],
    ['ts,lat,lon,heading\n1700000000,1,2,east\n', /line 2: field "heading" is not a number/],
    ['ts,lat,lon\n', /fleet.csv: the trace has no fixes/],
    ['\u0000\u0001garbage', /fleet.csv line 1: header needs "lat" and "lon"/],
  ])('bad input %j → InputError', (text, message) => {
    expect(() => parse(text)).toThrow(InputError);
    expect(() => parse(text)).toThrow(message);
  });

  it('an unknown --tz is a clear error', () => {
    expect(() => parse('timestamp,lat,lon\n2024-01-01T00:00:00,1,2\n', { tz: 'Mars/Olympus' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });
});
