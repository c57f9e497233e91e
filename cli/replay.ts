import type { Command } from 'commander';
import { errorMessage } from '../kernel/errors.ts';
import { runReplay, type ReplayArgs } from '../telemetry/replay/run.ts';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('publish a recorded trace over MQTT as its vehicle(s) would, in real time or faster')
    .argument(
      '<trace>',
      'trace file: CSV (lat, lon, timestamp | timestamp_local | ts | t_rel_s; optional vehicle_id, speed_kmh, ' +
        'heading), GPX or GeoJSON points',
    )
    .option('--vehicle <id>', 'vehicle id for a trace without vehicle_id; with a fleet trace, replay only this vehicle')
    .option('--speedup <k>', 'play K times faster than recorded (default 1)')
    .option('--broker <url>', 'broker URL (default: from --config, else mqtt://127.0.0.1:1883)')
    .option('--username <u>', 'log in as this user (default: each vehicle as itself with its password from --config)')
    .option('--password <p>', 'password for --username')
    .option('--config <file>', 'gridwatch config: broker address, topic prefix and vehicle passwords')
    .option('--start <iso>', 'start time for traces with relative times (t_rel_s)')
    .option('--tz <zone>', 'time zone of timestamps without an offset (e.g. America/New_York)')
    .option('--keep-time', 'send the recorded times instead of shifting the trace to start now')
    .option(
      '--backfill',
      'date the trace to end now, keeping its recorded spacing (like a device uploading its backlog)',
    )
    .option('--work', 'mark every fix as working (work: true)')
    .option('--prefix <p>', 'topic prefix (default: from --config, else gridwatch)')
    .option('--progress', 'print progress lines even when stderr is not a terminal')
    .action(async (trace: string, flags: Omit<ReplayArgs, 'trace'>) => {
      try {
        const r = await runReplay({ trace, ...flags });
        process.stdout.write(
          `published ${r.published} fixes of ${r.vehicles} vehicle(s) to ${r.url} in ${r.seconds.toFixed(1)} s\n`,
        );
      } catch (err) {
        process.stderr.write(`gridwatch replay: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
