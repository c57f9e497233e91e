/** gridwatch CLI: the one entry point. Each command lives in cli/. */
import { Command } from 'commander';
import { registerConfigCommands } from './cli/config.ts';
import { registerStartCommand } from './cli/start.ts';
import { VERSION } from './kernel/version.ts';

const program = new Command()
  .name('gridwatch')
  .description('网格哨 gridwatch: video and vehicle-telemetry monitoring for digital city management')
  .version(VERSION)
  .showHelpAfterError();

registerStartCommand(program);
registerConfigCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`gridwatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
