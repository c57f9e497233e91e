import type { Command } from 'commander';
import { loadConfigFile } from '../kernel/config/load.ts';
import { errorMessage } from '../kernel/errors.ts';
import { pushPublishUrl } from '../ingest/publish-url.ts';

export function registerMediaCommands(program: Command): void {
  const media = program.command('media').description('the embedded live relay (node-media-server)');
  media
    .command('publish-url')
    .description('the RTMP URL (with its publish key) a camera pushing into gridwatch publishes to')
    .argument('<camera>', 'camera id (its source must be rtmp://<media.host>:<media.rtmpPort>/live/<name>)')
    .requiredOption('--config <file>', 'config file (YAML) with media.secret set')
    .option('--host <host>', 'address the camera reaches gridwatch at (default: the host of the camera source)')
    .action((camera: string, opts: { config: string; host?: string }) => {
      try {
        const { config } = loadConfigFile(opts.config);
        process.stdout.write(`${pushPublishUrl(config, camera, opts.host)}\n`);
      } catch (err) {
        process.stderr.write(`${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
