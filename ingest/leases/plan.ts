/**
 * Which cameras a video node claims or gives up in one round, from the leases as they are (pure). A node first claims
 * free cameras up to its fair share, ceil(cameras / live video nodes), so a few nodes starting together split the
 * cameras instead of the first one taking all; cameras nobody claimed for a whole lease are taken by whoever has room,
 * up to `maxCameras`. A node holding more than its share while a peer holds less gives one camera up per round (only
 * while `shedding`, i.e. after the set of live nodes changed), so a node that joins gets its share.
 */
import type { Lease } from '../../kernel/cluster/leases.ts';

export interface PlanInput {
  readonly nodeId: string;
  /** Every camera to analyse in the cluster (the enabled cameras of the config), in config order. */
  readonly cameras: readonly string[];
  /** Camera leases by camera id (expired ones too). */
  readonly leases: ReadonlyMap<string, Lease>;
  /** Cameras this node holds now. */
  readonly held: ReadonlySet<string>;
  /** Live video nodes, this one included. */
  readonly live: ReadonlySet<string>;
  readonly maxCameras: number;
  readonly leaseMs: number;
  /** A camera never leased counts as free since this moment (when this node started). */
  readonly since: number;
  readonly shedding: boolean;
  readonly now: number;
}

export interface Plan {
  readonly fair: number;
  /** Try these in order while below the fair share (free now). */
  readonly claim: readonly string[];
  /** Then these (free for a whole lease) while below maxCameras. */
  readonly claimLongFree: readonly string[];
  /** Give this one up now. */
  readonly shed?: string;
  /** Still worth shedding in later rounds. */
  readonly shedding: boolean;
}

/** A stable order per node, so nodes racing for free cameras mostly try different ones first. */
function spread(nodeId: string, ids: readonly string[]): string[] {
  const key = (id: string): number => {
    let h = 2166136261;
    for (const ch of `${nodeId}\u0000${id}`) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
    return h;
  };
  return [...ids].sort((a, b) => key(a) - key(b));
}

export function planRound(p: PlanInput): Plan {
  const fair = Math.ceil(p.cameras.length / Math.max(1, p.live.size));
  const free = p.cameras.filter((c) => {
    const l = p.leases.get(c);
    return !p.held.has(c) && !(l && l.expiresAt > p.now);
  });
  const longFree = free.filter((c) => (p.leases.get(c)?.expiresAt ?? p.since) <= p.now - p.leaseMs);
  const counts = new Map<string, number>([...p.live].map((n) => [n, 0]));
  for (const l of p.leases.values()) {
    if (l.expiresAt > p.now && counts.has(l.nodeId)) counts.set(l.nodeId, (counts.get(l.nodeId) ?? 0) + 1);
  }
  const peerWithRoom = [...counts].some(([n, c]) => n !== p.nodeId && c < fair);
  let shedding = p.shedding && longFree.length === 0 && p.held.size > fair;
  let shed: string | undefined;
  if (shedding && free.length === 0 && peerWithRoom) shed = [...p.held].sort().at(-1);
  if (shed && p.held.size - 1 <= fair) shedding = false;
  return {
    fair,
    claim: spread(p.nodeId, free),
    claimLongFree: spread(p.nodeId, longFree),
    ...(shed ? { shed } : {}),
    shedding,
  };
}
