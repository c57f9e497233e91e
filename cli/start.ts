import type { Command } from 'commander';
import { startApp } from '../app.ts';
import { demoConfigFile } from '../demo/index.ts';
import { loadConfigFile } from '../kernel/config/load.ts';
import { createLogger } from '../kernel/log.ts';

interface StartFlags {
  readonly config?: string;
  readonly data?: string;
  readonly port?: string;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start gridwatch (the demo configuration when no --config is given)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('-d, --data <dir>', 'data directory (overrides dataDir)')
    .option('-p, --port <n>', 'HTTP port (overrides server.port)')
    .action(async (flags: StartFlags) => {
      const loaded = loadConfigFile(flags.config ?? demoConfigFile);
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new Error(`--port must be a port number 0–65535, got "${flags.port}"`);
      }
      const config = {
        ...loaded.config,
        dataDir: flags.data ?? loaded.config.dataDir,
        server: { ...loaded.config.server, port: port ?? loaded.config.server.port },
      };
      const log = createLogger(config.log.level);
      const app = await startApp({ loaded: { ...loaded, config }, log });
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        app.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.stdout.write(`gridwatch ${app.url()} (health: ${app.url()}/api/health)\n`);
    });
}
