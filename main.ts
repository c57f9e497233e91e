/**
 * gridwatch CLI: the one entry point. Each command lives in cli/ and is imported only when it runs, so a quick
 * command (`config check`, `check-route`) does not pay for loading the whole system.
 */
import { Command } from 'commander';
import { VERSION } from './kernel/version.ts';

type Register = (program: Command) => void;

/** Command name → loader of the module that registers it. */
const commands: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./cli/start.ts')).registerStartCommand,
  config: async () => (await import('./cli/config.ts')).registerConfigCommands,
  detect: async () => (await import('./cli/detect.ts')).registerDetectCommand,
  frames: async () => (await import('./cli/frames.ts')).registerFramesCommand,
  watch: async () => (await import('./cli/watch.ts')).registerWatchCommand,
  replay: async () => (await import('./cli/replay.ts')).registerReplayCommand,
  'jt808-sim': async () => (await import('./cli/jt808-sim.ts')).registerJt808SimCommand,
  'check-route': async () => (await import('./cli/check-route.ts')).registerCheckRouteCommand,
  user: async () => (await import('./cli/user.ts')).registerUserCommands,
  apikey: async () => (await import('./cli/apikey.ts')).registerApiKeyCommands,
  dataset: async () => (await import('./cli/dataset.ts')).registerDatasetCommands,
  onvif: async () => (await import('./cli/onvif.ts')).registerOnvifCommands,
  media: async () => (await import('./cli/media.ts')).registerMediaCommands,
  db: async () => (await import('./cli/db.ts')).registerDbCommands,
};

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('gridwatch')
    .description('网格哨 gridwatch: video and vehicle-telemetry monitoring for digital city management')
    .version(VERSION)
    .enablePositionalOptions() // program options only before the command: `jt808-sim --version 2019` is its own
    .showHelpAfterError();
  const name = argv[2];
  const versionOnly = name === '--version' || name === '-V';
  const wanted = name !== undefined && name in commands ? [name] : versionOnly ? [] : Object.keys(commands);
  for (const n of wanted) (await commands[n]!())(program);
  await program.parseAsync([...argv]);
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`gridwatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
