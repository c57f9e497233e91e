import type { Command } from 'commander';
import { startApp } from '../app.ts';
import { demoConfigFile } from '../demo/index.ts';
import { checkRole, defaultNodeId, nodeId, ROLES, type NodeRole } from '../kernel/config/cluster.ts';
import { formatPath, loadConfigFile } from '../kernel/config/load.ts';
import { InputError } from '../kernel/errors.ts';
import { createLogger } from '../kernel/log.ts';

interface StartFlags {
  readonly config?: string;
  readonly data?: string;
  readonly port?: string;
  readonly role?: string;
  readonly nodeId?: string;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start gridwatch (the demo configuration when no --config is given)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('-d, --data <dir>', 'data directory (overrides dataDir)')
    .option('-p, --port <n>', 'HTTP port (overrides server.port)')
    .option('--role <role>', `what this node runs: ${ROLES.join(' | ')} (overrides node.role; default all)`)
    .option('--node-id <id>', "this node's id in the cluster (overrides node.id; default the host name)")
    .action(async (flags: StartFlags) => {
      const loaded = loadConfigFile(flags.config ?? demoConfigFile);
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new Error(`--port must be a port number 0–65535, got "${flags.port}"`);
      }
      if (flags.role !== undefined && !(ROLES as readonly string[]).includes(flags.role))
        throw new Error(`--role must be one of ${ROLES.join(', ')}, got "${flags.role}"`);
      if (flags.nodeId !== undefined && !nodeId.safeParse(flags.nodeId).success)
        throw new Error(`--node-id must be 1–64 letters, digits, "_", "-" or ".", got "${flags.nodeId}"`);
      const node = {
        ...loaded.config.node,
        role: (flags.role as NodeRole | undefined) ?? loaded.config.node.role,
        id: flags.nodeId ?? loaded.config.node.id ?? defaultNodeId(),
      };
      const config = {
        ...loaded.config,
        dataDir: flags.data ?? loaded.config.dataDir,
        server: { ...loaded.config.server, port: port ?? loaded.config.server.port },
        node,
      };
      // what the role needs (an external broker, the core's URL and token …), now that --role may have changed it
      const problems = checkRole(node, config.cluster, config.mqtt.mode);
      if (problems.length > 0) {
        const lines = problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
        throw new InputError(`${loaded.file ?? 'config'} is invalid for --role ${node.role}:\n  ${lines.join('\n  ')}`);
      }
      const base = createLogger(config.log.level);
      const log = node.role === 'all' ? base : base.child({ node: node.id, role: node.role });
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
