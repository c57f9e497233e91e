/**
 * The messages between nodes on the broker (QoS 1): topics and the envelope every hit / violation travels in.
 * Decoding is strict about the envelope and about what the core relies on (ids, camera, evidence names); the
 * finding itself is passed on as the producing node wrote it.
 */
import { z } from 'zod';
import type { HitEvent, ViolationEvent } from '../kernel/bus.ts';
import { SHA256 } from '../kernel/evidence.ts';

export class ClusterTopics {
  constructor(private readonly prefix: string) {}
  hit(cameraId: string): string {
    return `${this.prefix}/cluster/hits/${cameraId}`;
  }
  violation(vehicleId: string): string {
    return `${this.prefix}/cluster/violations/${vehicleId}`;
  }
  node(nodeId: string): string {
    return `${this.prefix}/cluster/nodes/${nodeId}`;
  }
  /** What the core subscribes to. */
  get coreFilters(): string[] {
    return [`${this.prefix}/cluster/hits/+`, `${this.prefix}/cluster/violations/+`, `${this.prefix}/cluster/nodes/+`];
  }
  kindOf(topic: string): 'hit' | 'violation' | 'node' | undefined {
    const m = /\/cluster\/(hits|violations|nodes)\/[^/]+$/.exec(topic);
    return m ? ({ hits: 'hit', violations: 'violation', nodes: 'node' } as const)[m[1] as 'hits'] : undefined;
  }
}

const ident = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/);
const phase = z.enum(['start', 'update', 'end']);
const evidence = z
  .looseObject({ sha256: z.string().regex(SHA256), path: z.string(), mime: z.string(), kind: z.string() })
  .refine((e) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]+$/.test(e.path) && e.path.slice(3, 67) === e.sha256, {
    message: 'evidence path must be "<sha[0..2]>/<sha256>.<ext>"',
  });
const envelope = {
  msgId: z.string().min(1).max(200).describe('Unique per message: nodeId:boot:seq.'),
  nodeId: ident,
  seq: z.number().int().min(0),
  sentAt: z.number().int().min(0),
};

export const hitMessage = z.strictObject({
  kind: z.literal('hit'),
  ...envelope,
  generation: z.number().int().min(0),
  event: z.looseObject({
    phase,
    hit: z.looseObject({
      id: ident,
      cameraId: ident,
      zoneId: z.string(),
      category: z.string(),
      rule: z.enum(['vending', 'litter']),
      evidence: z.array(evidence),
    }),
  }),
});

export const violationMessage = z.strictObject({
  kind: z.literal('violation'),
  ...envelope,
  event: z.looseObject({
    phase,
    violation: z.looseObject({ id: ident, vehicleId: ident, category: z.string(), planId: z.string() }),
  }),
});

export const heartbeatMessage = z.strictObject({
  nodeId: ident,
  role: z.enum(['all', 'core', 'video', 'telemetry']),
  version: z.string(),
  startedAt: z.number(),
  at: z.number(),
  online: z.boolean(),
  cameras: z.array(z.string()),
  vehicles: z.array(z.string()),
  /** Evidence files waiting in the spool. */
  spool: z.number(),
  /** Findings in the node's durable outbox (on disk, waiting for the broker's acknowledgement). */
  outbox: z.number().optional(),
  /** Findings published and not yet acknowledged by the broker. */
  unacked: z.number(),
  published: z.number(),
});

export type HitMessage = Omit<z.infer<typeof hitMessage>, 'event'> & { readonly event: HitEvent };
export type ViolationMessage = Omit<z.infer<typeof violationMessage>, 'event'> & { readonly event: ViolationEvent };
export type Heartbeat = z.infer<typeof heartbeatMessage>;

export type Decoded =
  | { readonly ok: true; readonly message: HitMessage | ViolationMessage }
  | { readonly ok: false; readonly error: string };

/** A hit or violation message from its payload, or why it is refused. */
export function decodeFinding(payload: Buffer): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const kind = (raw as { kind?: unknown } | null)?.kind;
  const schema = kind === 'violation' ? violationMessage : hitMessage;
  const r = schema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, error: `${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, message: r.data as unknown as HitMessage | ViolationMessage };
}
