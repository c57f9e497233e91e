/**
 * For the cluster test: the demo city as a cluster config (paths made absolute, the external broker, node tokens
 * from the environment), nodes started with `gridwatch start --role …` as a user would, and the core's admin view.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { demoConfigFile } from '../demo/index.ts';
import { spawnCli } from '../kernel/testing.ts';
import type { ClusterView } from './view.ts';

export const NODE_TOKEN = 'cluster-test-node-token-0123456789';
/** How the config file names the token: the environment variable, as a user writes it. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a ${ENV} reference in a config file, on purpose
const TOKEN_REF = '${GRIDWATCH_NODE_TOKEN}';

export interface ClusterConfigOptions {
  readonly mqttUrl: string;
  readonly corePort: number;
  readonly databaseUrl?: string;
  readonly leaseSeconds: number;
}

/** The demo configuration as one cluster.yaml for every node (each node's role, id, port and data on its CLI). */
export function writeClusterConfig(dir: string, o: ClusterConfigOptions): string {
  const demoDir = path.dirname(demoConfigFile);
  const raw = parse(readFileSync(demoConfigFile, 'utf8')) as Record<string, Record<string, unknown>>;
  const abs = (p: unknown): string => path.resolve(demoDir, String(p));
  const server = raw.server as { map: { base: string } } & Record<string, unknown>;
  server.map.base = abs(server.map.base);
  server.port = o.corePort;
  const models = raw.models as Record<string, unknown>;
  models.dir = abs(models.dir);
  models.workers = 1;
  (raw.roads as Record<string, unknown>).file = abs((raw.roads as Record<string, unknown>).file);
  const cameras = raw.cameras as unknown as Record<string, unknown>[];
  for (const c of cameras) {
    c.source = abs(c.source);
    c.fps = 0.5; // four processes on a shared machine: the test's hits are injected (see the test)
    delete c.record;
  }
  const mqtt = raw.mqtt as Record<string, unknown>;
  const config = {
    ...raw,
    log: { level: 'info' },
    media: { enabled: false },
    mqtt: { mode: 'url', url: o.mqttUrl, topicPrefix: 'gridwatch', clientId: 'gw-telemetry', simulate: mqtt.simulate },
    storage: { kind: 'embedded', file: 'positions.db', retentionDays: 90 },
    ...(o.databaseUrl ? { database: { url: o.databaseUrl } } : {}),
    node: { maxCameras: 4 },
    cluster: {
      coreUrl: `http://127.0.0.1:${o.corePort}`,
      token: TOKEN_REF,
      tokens: [TOKEN_REF],
      leaseSeconds: o.leaseSeconds,
      spoolRetryMaxSeconds: 2,
    },
  };
  const file = path.join(dir, 'cluster.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

export interface RunningNode {
  readonly id: string;
  readonly child: ChildProcess;
  readonly url: string;
  log(): string;
}

/** `gridwatch start --config FILE --role ROLE --node-id ID --port N --data DIR`; resolves once it serves. */
export async function startNode(
  file: string,
  role: string,
  id: string,
  port: number,
  dataDir: string,
  out: Map<string, string>,
): Promise<RunningNode> {
  const args = ['start', '--config', file, '--role', role, '--node-id', id, '--port', String(port), '--data', dataDir];
  const child = spawnCli(args, { GRIDWATCH_NODE_TOKEN: NODE_TOKEN, GRIDWATCH_CLUSTER_TEST_HOOKS: '1' });
  out.set(id, '');
  const append = (d: Buffer): void => void out.set(id, (out.get(id) ?? '') + d.toString());
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} did not start: ${out.get(id)}`)), 120_000);
    const check = (): void => {
      if (/gridwatch http:\/\//.test(out.get(id) ?? '')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${id} exited (${code}): ${out.get(id)}`));
    });
  });
  return { id, child, url: `http://127.0.0.1:${port}`, log: () => out.get(id) ?? '' };
}

/** Inject `count` hits on a video node's held cameras (its test hook); the ids it made. */
/** One figure of a node's /api/health: `stats[stat]` of its component `component` (undefined when absent). */
export async function healthStat(node: RunningNode, component: string, stat: string): Promise<number | undefined> {
  const h = (await (await fetch(`${node.url}/api/health`)).json()) as {
    components: Record<string, { stats?: Record<string, number> }>;
  };
  return h.components[component]?.stats?.[stat];
}

/** The cameras a video node's lease keeper holds (it starts each as it takes the lease). */
export const leasedOn = async (node: RunningNode): Promise<number> =>
  (await healthStat(node, 'camera-leases', 'held')) ?? 0;

export interface Injected {
  readonly held: string[];
  readonly hits: { readonly id: string; readonly cameraId: string; readonly evidence: string[] }[];
}

export async function inject(node: RunningNode, count: number): Promise<Injected> {
  const res = await fetch(`${node.url}/api/cluster/test/hits?count=${count}`, { method: 'POST' });
  if (!res.ok) throw new Error(`${node.id}: inject answered ${res.status}`);
  return (await res.json()) as Injected;
}

const cookies = new Map<string, string>();

/** GET a core's API as the demo admin (logged in once per core start; again after a 401). */
export async function adminGet<T>(coreUrl: string, path: string): Promise<T> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let cookie = cookies.get(coreUrl);
    if (!cookie) {
      const login = await fetch(`${coreUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'admin-demo-2026' }),
      });
      if (!login.ok) throw new Error(`admin login: ${login.status}`);
      cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      cookies.set(coreUrl, cookie);
    }
    const res = await fetch(`${coreUrl}${path}`, { headers: { Cookie: cookie } });
    if (res.status === 401) {
      cookies.delete(coreUrl);
      continue;
    }
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  }
  throw new Error(`${path}: not logged in`);
}

/** GET /api/cluster on the core as the demo admin. */
export const clusterOf = (coreUrl: string): Promise<ClusterView> => adminGet<ClusterView>(coreUrl, '/api/cluster');
