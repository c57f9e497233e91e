/**
 * `gridwatch onvif discover` (WS-Discovery on the local network, or a directed probe) and
 * `gridwatch onvif probe URL --user U --password P` (profiles, RTSP URIs, PTZ presets, a camera entry to paste).
 */
import type { Command } from 'commander';
import { errorMessage } from '../kernel/errors.ts';
import { type DiscoveredDevice, discover, WS_DISCOVERY_GROUP, WS_DISCOVERY_PORT } from '../ingest/onvif/discovery.ts';
import { type ProbedDevice, probeDevice, sourceUrl } from '../ingest/onvif/probe.ts';

function seconds(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 600) {
    throw new Error(`--${name} must be a number of seconds from 0 to 600, got "${raw}"`);
  }
  return n;
}

function port(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new Error(`--port must be a port number, got "${raw}"`);
  return n;
}

export function formatDiscovered(devices: readonly DiscoveredDevice[]): string {
  if (devices.length === 0) return 'no ONVIF device answered\n';
  const lines = devices.map((d) =>
    [d.xaddrs[0], d.name ?? '', d.hardware ?? '', d.location ?? '', d.urn].filter(Boolean).join('  '),
  );
  return `${lines.join('\n')}\n${devices.length} device(s); read one with: gridwatch onvif probe URL --user USER\n`;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function formatProbed(dev: ProbedDevice, user?: string, password?: string): string {
  const head = [dev.manufacturer, dev.model].filter(Boolean).join(' ') || 'ONVIF device';
  const facts = [dev.firmware && `firmware ${dev.firmware}`, dev.serial && `serial ${dev.serial}`].filter(Boolean);
  const out = [`${head}${facts.length ? ` (${facts.join(', ')})` : ''} at ${dev.url}`, 'profiles:'];
  for (const p of dev.profiles) {
    const size = p.width && p.height ? `${p.width}×${p.height}` : '?';
    const fps = p.fps ? ` ${p.fps} fps` : '';
    out.push(`  ${p.token}  ${p.name}  ${p.encoding ?? '?'} ${size}${fps}  ${p.rtsp ?? '(no RTSP URI)'}`);
    if (p.presets.length > 0) out.push(`    PTZ presets: ${p.presets.map((x) => `${x.token} ${x.name}`).join(', ')}`);
  }
  const main = dev.profiles.find((p) => p.rtsp);
  if (main?.rtsp) {
    const id = `cam-${slug(dev.serial ?? dev.model ?? 'onvif') || 'onvif'}`;
    out.push(`camera entry (paste under cameras:)${password === undefined ? ', then set the password:' : ':'}`);
    out.push(`  - id: ${id}`, `    name: ${dev.model ?? id}`, `    source: ${sourceUrl(main.rtsp, user, password)}`);
  }
  return `${out.join('\n')}\n`;
}

interface DiscoverFlags {
  readonly address: string;
  readonly port: string;
  readonly timeout: string;
  readonly json?: boolean;
}
interface ProbeFlags {
  readonly user?: string;
  readonly password?: string;
  readonly timeout: string;
  readonly json?: boolean;
  readonly showPassword?: boolean;
}

export function registerOnvifCommands(program: Command): void {
  const onvif = program.command('onvif').description('find ONVIF cameras and read their RTSP stream URIs');
  onvif
    .command('discover')
    .description('WS-Discovery probe: list the ONVIF cameras that answer on the local network')
    .option('--address <ip>', 'where to send the probe (a camera address for a directed probe)', WS_DISCOVERY_GROUP)
    .option('--port <n>', 'WS-Discovery port', String(WS_DISCOVERY_PORT))
    .option('--timeout <s>', 'how long to wait for answers', '3')
    .option('--json', 'print the devices as JSON')
    .action(async (flags: DiscoverFlags) => {
      try {
        const found = await discover({
          address: flags.address,
          port: port(flags.port),
          timeoutMs: seconds('timeout', flags.timeout) * 1000,
        });
        process.stdout.write(flags.json ? `${JSON.stringify(found, null, 2)}\n` : formatDiscovered(found));
      } catch (err) {
        process.stderr.write(`gridwatch onvif discover: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
  onvif
    .command('probe')
    .description("read a camera's profiles, RTSP URIs and PTZ presets")
    .argument('<url>', 'device service URL (http://host/onvif/device_service) or host[:port]')
    .option('--user <name>', 'ONVIF user name')
    .option('--password <pw>', 'ONVIF password (or GRIDWATCH_ONVIF_PASSWORD, which stays out of shell history)')
    .option('--show-password', 'put the password into the printed camera source (else a placeholder)')
    .option('--timeout <s>', 'give up after this many seconds', '10')
    .option('--json', 'print the device as JSON')
    .action(async (url: string, flags: ProbeFlags) => {
      try {
        const password = flags.password ?? process.env.GRIDWATCH_ONVIF_PASSWORD;
        const dev = await probeDevice({
          url,
          timeoutMs: seconds('timeout', flags.timeout) * 1000,
          ...(flags.user !== undefined ? { username: flags.user } : {}),
          ...(password !== undefined ? { password } : {}),
        });
        const shown = flags.showPassword ? password : undefined;
        process.stdout.write(flags.json ? `${JSON.stringify(dev, null, 2)}\n` : formatProbed(dev, flags.user, shown));
      } catch (err) {
        process.stderr.write(`gridwatch onvif probe: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
