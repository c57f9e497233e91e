/** `gridwatch replay`: read a trace, plan it, publish it over MQTT as its vehicle(s) would, with a progress bar. */
import { SingleBar } from 'cli-progress';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { InputError } from '../../kernel/errors.ts';
import { redactUrl } from '../../kernel/log.ts';
import { parseIsoTime, readTrace } from '../trace/index.ts';
import { planReplay } from './plan.ts';
import { publishReplay, type PublishResult } from './publisher.ts';

export interface ReplayArgs {
  readonly trace: string;
  readonly vehicle?: string;
  readonly speedup?: string;
  readonly broker?: string;
  readonly username?: string;
  readonly password?: string;
  readonly config?: string;
  readonly start?: string;
  readonly tz?: string;
  readonly keepTime?: boolean;
  readonly backfill?: boolean;
  readonly work?: boolean;
  readonly prefix?: string;
  readonly progress?: boolean;
}

/** Broker URL, topic prefix and per-vehicle passwords: from the flags, else from --config, else local defaults. */
function target(a: ReplayArgs): { url: string; prefix: string; passwords: Map<string, string> } {
  const passwords = new Map<string, string>();
  let url = 'mqtt://127.0.0.1:1883';
  let prefix = 'gridwatch';
  if (a.config) {
    const { config } = loadConfigFile(a.config);
    const m = config.mqtt;
    url = m.mode === 'url' ? m.url : `mqtt://${m.host === '0.0.0.0' ? '127.0.0.1' : m.host}:${m.port}`;
    prefix = m.topicPrefix;
    for (const v of config.vehicles) if (v.password) passwords.set(v.id, v.password);
  }
  if (a.broker && !/^(mqtts?|wss?|tcp):\/\//.test(a.broker))
    throw new InputError(`--broker must be an mqtt://, mqtts://, ws:// or wss:// URL, got "${a.broker}"`);
  if ((a.username === undefined) !== (a.password === undefined))
    throw new InputError('give --username and --password together');
  if (a.keepTime && a.backfill) throw new InputError('--keep-time and --backfill exclude each other');
  return { url: a.broker ?? url, prefix: a.prefix ?? prefix, passwords };
}

export async function runReplay(
  a: ReplayArgs,
  out: NodeJS.WritableStream = process.stderr,
): Promise<PublishResult & { url: string }> {
  const speedup = a.speedup === undefined ? 1 : Number(a.speedup);
  if (!Number.isFinite(speedup) || speedup <= 0)
    throw new InputError(`--speedup must be a positive number, got "${a.speedup}"`);
  const start = a.start === undefined ? undefined : parseIsoTime(a.start);
  if (start === null) throw new InputError(`--start must be an ISO 8601 time, got "${a.start}"`);
  const { url, prefix, passwords } = target(a);
  const trace = readTrace(a.trace, { ...(start !== undefined ? { start } : {}), ...(a.tz ? { tz: a.tz } : {}) });
  const plan = planReplay(trace, a.trace, {
    ...(a.vehicle ? { vehicle: a.vehicle } : {}),
    speedup,
    ...(a.keepTime ? {} : a.backfill ? { endAt: Date.now() } : { shiftTo: Date.now() }),
    ...(a.work ? { work: true } : {}),
  });
  const bar = new SingleBar({
    format: 'replay [{bar}] {percentage}% | {value}/{total} fixes | {vehicles} vehicle(s) → {url}',
    stream: out,
    noTTYOutput: a.progress === true,
    notTTYSchedule: 2000,
  });
  bar.start(plan.length, 0, { vehicles: new Set(plan.map((f) => f.vehicleId)).size, url: redactUrl(url) });
  try {
    const res = await publishReplay(plan, {
      url,
      topicPrefix: prefix,
      credentials: (id) =>
        a.username !== undefined && a.password !== undefined
          ? { username: a.username, password: a.password }
          : passwords.has(id)
            ? { username: id, password: passwords.get(id)! }
            : undefined,
      onProgress: (n) => bar.update(n),
    });
    return { ...res, url: redactUrl(url) };
  } finally {
    bar.stop();
  }
}
