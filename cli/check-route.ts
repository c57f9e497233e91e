import type { Command } from 'commander';
import { errorMessage } from '../kernel/errors.ts';
import { formatReports, jsonReports, runCheckRoute } from '../telemetry/route/check-route-cli.ts';

interface Flags {
  readonly trace: string;
  readonly streets?: string;
  readonly config?: string;
  readonly plan?: string;
  readonly roads?: string;
  readonly corridorM?: string;
  readonly speedMaxKmh?: string;
  readonly speedMinKmh?: string;
  readonly start?: string;
  readonly tz?: string;
  readonly vehicle?: string;
  readonly json?: boolean;
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

export function registerCheckRouteCommand(program: Command): void {
  program
    .command('check-route')
    .description('check a recorded trace against assigned streets: coverage, missed streets, violations')
    .requiredOption(
      '--trace <file>',
      'trace: CSV (lat, lon, timestamp | timestamp_local | ts | t_rel_s), GPX or GeoJSON points',
    )
    .option('--streets <file>', 'assigned streets: GeoJSON LineStrings')
    .option(
      '--config <file>',
      'instead of --streets: check each vehicle against its plan in this config (windows, bands, …)',
    )
    .option('--plan <id>', 'with --config: use this plan for every vehicle')
    .option(
      '--roads <file>',
      'road network for map matching: GeoJSON LineStrings or OSM XML (.osm); default: the streets',
    )
    .option('--corridor-m <m>', 'half-width of the route corridor in metres (default 30)')
    .option('--speed-max-kmh <v>', 'maximum working speed (default: no limit)')
    .option('--speed-min-kmh <v>', 'minimum working speed (default 0)')
    .option('--start <iso>', 'start time for traces with relative times (t_rel_s)')
    .option('--tz <zone>', 'time zone of timestamps without an offset (e.g. America/New_York); default UTC')
    .option('--vehicle <id>', 'check only this vehicle of a multi-vehicle trace')
    .option('--json', 'print JSON')
    .action((f: Flags) => {
      try {
        const result = runCheckRoute({
          trace: f.trace,
          ...(f.streets ? { streets: f.streets } : {}),
          ...(f.config ? { config: f.config } : {}),
          ...(f.plan ? { plan: f.plan } : {}),
          ...(f.roads ? { roads: f.roads } : {}),
          ...(f.corridorM !== undefined ? { corridorM: num(f.corridorM) } : {}),
          ...(f.speedMaxKmh !== undefined ? { speedMaxKmh: num(f.speedMaxKmh) } : {}),
          ...(f.speedMinKmh !== undefined ? { speedMinKmh: num(f.speedMinKmh) } : {}),
          ...(f.start ? { start: f.start } : {}),
          ...(f.tz ? { tz: f.tz } : {}),
          ...(f.vehicle ? { vehicle: f.vehicle } : {}),
        });
        process.stdout.write(f.json ? `${JSON.stringify(jsonReports(result), null, 2)}\n` : formatReports(result));
      } catch (err) {
        process.stderr.write(`gridwatch check-route: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
