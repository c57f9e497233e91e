import type { Command } from 'commander';
import { configJsonSchema, loadConfigFile } from '../kernel/config/load.ts';
import { errorMessage } from '../kernel/errors.ts';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('check a configuration file or print its schema');
  config
    .command('check')
    .description('validate a YAML config file; exits 1 naming every bad field')
    .argument('<file>', 'config file (YAML)')
    .action((file: string) => {
      try {
        const { config: c } = loadConfigFile(file);
        process.stdout.write(
          `${file}: ok (${c.cameras.length} cameras, ${c.zones.length} zones, ${c.vehicles.length} vehicles, ` +
            `${c.plans.length} plans, ${c.cases.categories.length} categories)\n`,
        );
      } catch (err) {
        process.stderr.write(`${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
  config
    .command('schema')
    .description('print the JSON schema of the config file')
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
