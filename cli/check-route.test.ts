import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../kernel/testing.ts';

const trace = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
const streets = path.join(repoRoot, 'demo/plans/s4-heights.geojson');

interface Report {
  coverage: number;
  assigned_m: number;
  covered_m: number;
  missed: string[];
  missed_streets: string[];
  violations: { kind: string; start: string; end: string | null; where: { lat: number; lon: number } }[];
}

describe('gridwatch check-route', () => {
  it('checks the real S-4 trace on its demo streets: coverage, the street never driven, violations', async () => {
    const r = await runCli(
      [
        'check-route',
        '--trace',
        trace,
        '--vehicle',
        'S-4',
        '--tz',
        'America/New_York',
        '--streets',
        streets,
        '--speed-max-kmh',
        '25',
        '--json',
      ],
      60_000,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.assigned_m).toBeGreaterThan(5000);
    expect(rep.coverage).toBeGreaterThan(0.5);
    expect(rep.coverage).toBeLessThan(0.9);
    expect(rep.covered_m).toBeLessThan(rep.assigned_m);
    expect(rep.missed_streets).toContain('Griffith St');
    expect(rep.missed.some((id) => id.startsWith('s-12-griffith-st:'))).toBe(true);
    const kinds = new Set(rep.violations.map((v) => v.kind));
    expect(kinds.has('off-route')).toBe(true);
    expect(kinds.has('incomplete-coverage')).toBe(true);
    for (const v of rep.violations) expect(v.start).toMatch(/^2015-12-10T/);
  });

  it('prints a readable report, and uses the configured plans with --config', async () => {
    const r = await runCli(
      [
        'check-route',
        '--trace',
        trace,
        '--tz',
        'America/New_York',
        '--config',
        path.join(repoRoot, 'demo/jerseycity.yaml'),
      ],
      60_000,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vehicle {6}S-4 \(301 fixes/);
    expect(r.stdout).toMatch(/vehicle {6}S-12 /);
    expect(r.stdout).toMatch(/vehicle {6}P-1 /);
    expect(r.stdout).toMatch(/late-start +2015-12-10T12:15:00.000Z/); // 07:00 New York + 15 min grace
    expect(r.stdout).toMatch(/signal-lost/);
  });

  it('bad input: an unparsable trace, no --streets → exit 1 with a clear message', async () => {
    const dir = tempDir('gw-cli-');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'timestamp,lat,lon\n2015-12-10T07:00:00,40.7,-74.0\nnot-a-time,40.7,-74.0\n');
    const r1 = await runCli(['check-route', '--trace', bad, '--streets', streets]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/bad.csv line 3: field "timestamp" is not an ISO 8601 time \("not-a-time"\)/);
    const r2 = await runCli(['check-route', '--trace', trace]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/give --streets FILE/);
  });
});
