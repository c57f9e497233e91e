/**
 * The attack suite's harness: a real gridwatch (attack/target.ts: the demo configuration, started as `gridwatch
 * start` starts it, every port free on 127.0.0.1, data in a temp dir) in its own process, and what attacks need —
 * a logged-in client per demo role (cookie + CSRF token), an MQTT connection as a vehicle, the CLI against the same
 * data dir, the target's RSS, and /api/health latency sampled while a load runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { parse } from 'yaml';
import { demoConfigFile } from '../demo/index.ts';
import { repoRoot, tempDir } from '../kernel/testing.ts';
import { Client, login } from './client.ts';
import { sampleHealth, type LatencyStats } from './latency.ts';
import type { TargetPorts } from './target.ts';

export { Client } from './client.ts';
export type { LatencyStats } from './latency.ts';

/** The demo's users (demo/gridwatch.demo.yaml): each role, and a handler of a second unit. */
export type DemoUser = 'admin' | 'operator' | 'handler' | 'sanitation' | 'regulator';

interface DemoYaml {
  users: { username: string; password: string; role: string; unit?: string }[];
  vehicles: { id: string; password: string }[];
}
const demo = parse(readFileSync(demoConfigFile, 'utf8')) as DemoYaml;

export function demoPassword(user: string): string {
  const u = demo.users.find((x) => x.username === user);
  if (!u) throw new Error(`no demo user "${user}"`);
  return u.password;
}

export interface TargetOptions {
  /** Deep-merged into the demo configuration (objects merge, arrays replace, null removes a key). */
  readonly patch?: Record<string, unknown>;
  /** Cameras kept: 'one' (cam-cart, a looped still photo: the relay and detector run), 'none' or 'all'. */
  readonly cameras?: 'one' | 'none' | 'all';
  /** Log level of the target (its log is kept in `logFile`). */
  readonly logLevel?: string;
}

export interface Target {
  readonly url: string;
  readonly ports: TargetPorts;
  readonly dataDir: string;
  readonly logFile: string;
  /** An anonymous client. */
  anonymous(): Client;
  /** A logged-in client for a demo user. */
  login(user: DemoUser, password?: string): Promise<Client>;
  /** An MQTT connection as a demo vehicle (its configured password unless given). */
  vehicle(id: string, opts?: IClientOptions): Promise<MqttClient>;
  /** A new Open311 api key (made with the real `gridwatch apikey add`). */
  apiKey(name?: string): Promise<string>;
  /** The target's resident set size now (MB). */
  rssMb(): number;
  /** /api/health latency sampled (sequential requests, own connection) while `load` runs. */
  healthDuring<T>(load: () => Promise<T>): Promise<{ result: T; latency: LatencyStats }>;
  /** `gridwatch ARGS… --data <the target's data dir>` (the real CLI, another process). */
  cli(args: readonly string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

function demoPatch(opts: TargetOptions): Record<string, unknown> {
  const cams = opts.cameras ?? 'one';
  const keep = (id: string): boolean => cams === 'all' || (cams === 'one' && id === 'cam-cart');
  const raw = parse(readFileSync(demoConfigFile, 'utf8')) as { cameras: { id: string }[]; zones: { camera: string }[] };
  return {
    log: { level: opts.logLevel ?? 'warn' },
    server: { port: 0 },
    mqtt: { port: 0 },
    media: { rtmpPort: 0, httpPort: 0 },
    cameras: raw.cameras.filter((c) => keep(c.id)),
    zones: raw.zones.filter((z) => keep(z.camera)),
  };
}

export async function startTarget(opts: TargetOptions = {}): Promise<Target> {
  const root = tempDir('gw-attack-');
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'target.log');
  const patch = { ...demoPatch(opts), dataDir, ...(opts.patch ?? {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'attack/target.ts', JSON.stringify(patch)], {
    cwd: repoRoot,
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ports = await readyLine(child, logFile);
  const url = `http://127.0.0.1:${ports.http}`;
  const vehiclePassword = (id: string): string => demo.vehicles.find((v) => v.id === id)?.password ?? '';
  return {
    url,
    ports,
    dataDir,
    logFile,
    anonymous: () => new Client(url),
    login: (user, password) => login(url, user, password ?? demoPassword(user)),
    vehicle: (id, o = {}) =>
      connectAsync(`mqtt://127.0.0.1:${ports.mqtt}`, {
        protocolVersion: 4,
        username: id,
        password: vehiclePassword(id),
        reconnectPeriod: 0,
        connectTimeout: 10_000,
        ...o,
      }),
    apiKey: async (name = 'attack') => {
      const out = await runCli(['apikey', 'add', name, '--data', dataDir]);
      const key = /^gw_\S+$/m.exec(out.stdout)?.[0];
      if (!key) throw new Error(`apikey add: ${out.stderr || out.stdout}`);
      return key;
    },
    rssMb: () => rssMb(ports.pid),
    healthDuring: (load) => sampleHealth(url, load),
    cli: (args, stdin) => runCli([...args, '--data', dataDir], stdin),
    stop: () => stopChild(child),
  };
}

function readyLine(child: ChildProcess, logFile: string): Promise<TargetPorts> {
  const log = createWriteStream(logFile);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    log.write(d);
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`target did not start in 90 s; stderr: ${stderr}`)), 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      log.write(d);
      if (ready) return;
      buf += d.toString();
      for (const line of buf.split('\n')) {
        if (!line.startsWith('{"gridwatchTarget"')) continue;
        ready = true;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { gridwatchTarget: TargetPorts }).gridwatchTarget);
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`target exited (${code}) before it was ready; stderr: ${stderr}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

function runCli(
  args: readonly string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'gridwatch.mjs'), ...args], {
      cwd: repoRoot,
      env: { GRIDWATCH_RUN: 'src', ...process.env }, // the sources, even after `npm run build`
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
