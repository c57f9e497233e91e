import type { Command } from 'commander';
import { errorMessage } from '../kernel/errors.ts';
import { runSim, type SimArgs } from '../telemetry/jt808/sim/run.ts';

export function registerJt808SimCommand(program: Command): void {
  program
    .command('jt808-sim')
    .description(
      'replay a recorded trace as a JT/T 808 terminal: register, authenticate, heartbeat, 0x0200 or 0x0704 reports',
    )
    .requiredOption('--trace <file>', 'trace file (CSV, GPX or GeoJSON, as for gridwatch replay)')
    .requiredOption('--phone <n>', 'terminal phone number (12 digits for 2013, up to 20 for 2019)')
    .option('--host <host>', 'server address (default: from --config, else 127.0.0.1)')
    .option('--port <n>', 'server port (default: from --config, else 6808)')
    .option('--version <edition>', 'protocol edition: 2013 or 2019 (default 2013)')
    .option('--batch <k>', 'send K locations per 0x0704 batch instead of one 0x0200 each')
    .option('--speedup <k>', 'play K times faster than recorded (default 1)')
    .option('--vehicle <id>', "with a fleet trace: replay this vehicle (default: the terminal's vehicle in --config)")
    .option('--config <file>', "gridwatch config: server address, the terminal's vehicle and work bit")
    .option('--auth-code <code>', 'a saved authentication code (else the terminal registers first)')
    .option('--start <iso>', 'start time for traces with relative times (t_rel_s)')
    .option('--tz <zone>', 'time zone of timestamps without an offset (e.g. America/New_York)')
    .option('--keep-time', 'send the recorded times instead of shifting the trace to start now')
    .option('--backfill', 'date the trace to end now, keeping its recorded spacing')
    .option('--end-at <iso>', 'date the trace to end at this time, keeping its recorded spacing')
    .option('--work', 'report working (set the work bit)')
    .option('--work-bit <where>', 'the work bit: status:N, io:N or signal:N (default: from --config)')
    .option('--heartbeat <s>', 'heartbeat interval in seconds (default 30)')
    .option('--progress', 'print progress lines even when stderr is not a terminal')
    .action(async (flags: SimArgs) => {
      try {
        const r = await runSim(flags);
        process.stdout.write(
          `${r.delivered} of ${r.sent} locations acknowledged by ${r.target} in ${r.seconds.toFixed(1)} s ` +
            `(${r.connections} connection(s), ${r.authentications} authentication(s), ${r.resent} resent, ` +
            `${r.refused} refused)\n`,
        );
      } catch (err) {
        process.stderr.write(`gridwatch jt808-sim: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
