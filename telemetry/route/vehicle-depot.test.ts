/** The depot per plan or per vehicle: the drive from it to the route is deadhead (check-route on the demo trace). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../kernel/testing.ts';
import { runCheckRoute } from './check-route-cli.ts';
import { DEMO_CONFIG, DEMO_TRACE } from './demo-fleet.ts';

const DEPOT = '{ lat: 40.6875, lon: -74.0905, radiusM: 300 }';

/** The demo config with its plans' depots removed (streets by absolute path), S-4's vehicle line edited. */
function config(s4Depot: boolean): string {
  const text = readFileSync(DEMO_CONFIG, 'utf8')
    .replaceAll(`depot: ${DEPOT}`, '')
    .replaceAll('streets: plans/', `streets: ${path.join(repoRoot, 'demo/plans')}/`)
    .replace('plan: s4-heights }', s4Depot ? `plan: s4-heights, depot: ${DEPOT} }` : 'plan: s4-heights }');
  const file = path.join(tempDir('gw-depot-'), 'gridwatch.yaml');
  writeFileSync(file, text);
  return file;
}

const s4OffRoute = (file: string): string[] =>
  runCheckRoute({ trace: DEMO_TRACE, config: file, tz: 'America/New_York', vehicle: 'S-4' })
    .reports[0]!.violations.filter((v) => v.kind === 'off-route')
    .map((v) => v.start);

describe('depot per vehicle', () => {
  it("without a depot the drive from the yard is off-route; the vehicle's own depot makes it deadhead", () => {
    const without = s4OffRoute(config(false));
    expect(without).toContain('2015-12-10T12:04:47.000Z'); // leaving the yard, 07:04 in New York
    const own = s4OffRoute(config(true));
    expect(own).not.toContain('2015-12-10T12:04:47.000Z');
    expect(own.length).toBeLessThan(without.length);
  });
});
