import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDir } from '../../kernel/testing.ts';
import { byVehicle, readTrace } from './index.ts';

const jersey = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
const munich = path.join(repoRoot, 'demo/traces/barefoot_munich_x0001-001.csv');
const hsv = path.join(sharedDir, 'geo/traces/kubicka_00000008_huntsville_al_us_trace');
const iso = (t: number): string => new Date(t).toISOString();

describe('real traces (golden)', () => {
  it('Jersey City trucks: local times in America/New_York, three vehicles as in SOURCES.md', () => {
    const trace = readTrace(jersey, { tz: 'America/New_York' });
    expect(trace).toHaveLength(814);
    const v = byVehicle(trace);
    expect([...v.keys()].sort()).toEqual(['P-1', 'S-12', 'S-4']);
    const s4 = v.get('S-4')!;
    expect(s4).toHaveLength(301);
    expect(iso(s4[0]!.ts)).toBe('2015-12-10T12:04:47.000Z'); // 07:04:47 EST
    expect(iso(s4.at(-1)!.ts)).toBe('2015-12-10T21:31:07.000Z');
    expect(s4[0]).toEqual({ vehicleId: 'S-4', ts: s4[0]!.ts, lat: 40.6964, lon: -74.08518 });
    expect(v.get('S-12')).toHaveLength(254);
    expect(v.get('P-1')).toHaveLength(259);
    for (const list of v.values())
      for (let i = 1; i < list.length; i++) expect(list[i]!.ts).toBeGreaterThanOrEqual(list[i - 1]!.ts);
  });

  it('Jersey City without --tz reads wall times as UTC', () => {
    expect(iso(readTrace(jersey)[0]!.ts)).toBe('2015-12-10T07:04:47.000Z');
  });

  it('Munich barefoot: ISO times with +02:00 offset', () => {
    const trace = readTrace(munich);
    expect(trace).toHaveLength(1194);
    expect(iso(trace[0]!.ts)).toBe('2014-09-10T04:54:07.000Z');
    expect(iso(trace.at(-1)!.ts)).toBe('2014-09-10T05:14:02.000Z');
    expect(trace[0]!.vehicleId).toBeUndefined();
  });

  it.skipIf(!existsSync(`${hsv}.csv`))('Huntsville: t_rel_s from --start; CSV and GeoJSON agree', () => {
    const start = Date.parse('2026-03-02T06:00:00Z');
    const csv = readTrace(`${hsv}.csv`, { start });
    const geo = readTrace(`${hsv}.geojson`, { start });
    expect(csv).toHaveLength(3093);
    expect(csv[0]).toEqual({ ts: start + 1000, lat: 34.74296, lon: -86.567832 });
    expect(csv.at(-1)!.ts).toBe(start + 3094_000);
    expect(geo).toEqual(csv);
  });

  it.skipIf(!existsSync(`${hsv}.csv`))(
    'Huntsville without a start: error naming the field and the missing option',
    () => {
      expect(() => readTrace(`${hsv}.csv`)).toThrow(
        /line 2: field "t_rel_s" holds relative seconds; a start time is needed/,
      );
    },
  );

  it('a missing file is a clear error', () => {
    expect(() => readTrace('/nonexistent/trace.csv')).toThrow(/cannot read trace \/nonexistent\/trace.csv: ENOENT/);
  });
});
