/** The shape of GET /api/cluster (no imports: the web UI reads these types too). */

export type DropReason = 'invalid' | 'staleGeneration' | 'notHolder';

/** A node's heartbeat as it publishes it (cluster/messages.ts checks it). */
export interface NodeHeartbeat {
  readonly nodeId: string;
  readonly role: 'all' | 'core' | 'video' | 'telemetry';
  readonly version: string;
  readonly startedAt: number;
  readonly at: number;
  readonly online: boolean;
  readonly cameras: readonly string[];
  readonly vehicles: readonly string[];
  /** Evidence files waiting in the spool. */
  readonly spool: number;
  /** Findings in the node's durable outbox (on disk until the broker acknowledges them). */
  readonly outbox?: number;
  /** Findings published and not yet acknowledged by the broker. */
  readonly unacked: number;
  readonly published: number;
}

export interface NodeRow extends NodeHeartbeat {
  /** No heartbeat for 3 intervals (or an "offline" will / goodbye). */
  readonly stale: boolean;
  readonly dropped: number;
}

export interface ClusterView {
  readonly self: { readonly nodeId: string; readonly role: string; readonly version: string };
  readonly nodes: readonly NodeRow[];
  readonly hits: {
    readonly received: number;
    readonly processed: number;
    readonly duplicates: number;
    /** Accepted although sent late: made under an earlier lease of a camera that moved meanwhile (a node's outbox). */
    readonly late: number;
    readonly dropped: Readonly<Record<DropReason, number>>;
    /** Publish → processed on the core, over the last findings. */
    readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly samples: number };
  };
  readonly connected: boolean;
}
