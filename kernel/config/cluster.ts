/** `node` (this process: id, role) and `cluster` (how nodes find and trust the core) sections. */
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Problem } from './common.ts';

export const ROLES = ['all', 'core', 'video', 'telemetry'] as const;
export type NodeRole = (typeof ROLES)[number];

export const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, "_", "-" or "." (no spaces)');

/** The host name as a node id (characters a node id may not hold become "-"). */
export function defaultNodeId(): string {
  const h = hostname()
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return (h || 'node').slice(0, 64);
}

export const nodeSchema = z
  .strictObject({
    id: nodeId
      .optional()
      .describe("This node's id: names its MQTT session, its leases and its heartbeat (default: the host name)."),
    role: z
      .enum(ROLES)
      .default('all')
      .describe(
        'all: everything in one process (default). core: cases, dashboard/API, notifications, fed by the broker. ' +
          'video: cameras → detection → rules → hits to the broker. telemetry: positions → route checks → ' +
          'violations to the broker. `gridwatch start --role` overrides it.',
      ),
    maxCameras: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(100)
      .describe('Video nodes: the most cameras this node analyses at once.'),
  })
  .describe('This process in a cluster (README "Scaling out").');

const token = z.string().min(16, 'must be at least 16 characters');

export const clusterSchema = z
  .strictObject({
    coreUrl: z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, 'must be an http:// or https:// URL')
      .optional()
      .describe("Video and telemetry nodes: the core's base URL, where evidence files are uploaded."),
    token: token
      .optional()
      .describe("Video and telemetry nodes: this node's bearer token for the core (best kept in the environment)."),
    tokens: z
      .array(token)
      .default([])
      .describe('Core: node tokens accepted (compared by their sha256 in constant time).'),
    leaseSeconds: z
      .number()
      .int()
      .min(3)
      .max(600)
      .default(15)
      .describe("Camera lease: a dead video node's cameras move after this; renewed every third of it."),
    spoolRetryMaxSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe('Longest wait between two upload attempts of a spooled evidence file (backoff doubles up to it).'),
    outboxMaxFindings: z
      .number()
      .int()
      .min(100)
      .max(10_000_000)
      .default(100_000)
      .describe(
        'Video and telemetry nodes: the most findings kept on disk (DATA/spool/findings/, about 1–2 KB each) until ' +
          'the broker acknowledges them. When full, those kept stay and new findings go to the broker from memory ' +
          'only (counted as overflow, logged, health degraded) until it drains.',
      ),
  })
  .describe('How the nodes of a cluster find and trust the core; required when node.role is not "all".');

export type NodeConfig = z.infer<typeof nodeSchema>;
export type ClusterConfig = z.infer<typeof clusterSchema>;

/** What a role needs beyond the defaults: an external broker, the core's URL and a token, or accepted tokens. */
export function checkRole(
  node: NodeConfig,
  cluster: ClusterConfig | undefined,
  mqttMode: 'embedded' | 'url',
): Problem[] {
  const role = node.role;
  if (role === 'all') return [];
  const out: Problem[] = [];
  if (mqttMode !== 'url')
    out.push({ path: ['mqtt', 'mode'], message: `role "${role}" needs the external broker (mode: url)` });
  if (role === 'core') {
    if (!cluster?.tokens.length)
      out.push({ path: ['cluster', 'tokens'], message: 'role "core" needs at least one node token' });
    return out;
  }
  if (!cluster?.coreUrl) out.push({ path: ['cluster', 'coreUrl'], message: `role "${role}" needs the core's URL` });
  if (!cluster?.token) out.push({ path: ['cluster', 'token'], message: `role "${role}" needs its node token` });
  return out;
}
