/** What /api/cluster answers and /api/health of the core includes: the nodes and the bridge's figures. */
import type { ClusterConsumer } from './consumer.ts';
import type { ClusterView } from './view-types.ts';

export type { ClusterView, NodeRow } from './view-types.ts';

export function clusterView(
  consumer: ClusterConsumer,
  self: ClusterView['self'],
  now: number,
  staleAfterMs = 15_000,
): ClusterView {
  const nodes = [...consumer.nodes.values()]
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId))
    .map((n) => ({
      ...n,
      stale: !n.online || now - n.at > staleAfterMs,
      dropped: consumer.droppedByNode.get(n.nodeId) ?? 0,
    }));
  const c = consumer.counts;
  return {
    self,
    nodes,
    hits: {
      received: c.received,
      processed: c.processed,
      duplicates: c.duplicates,
      late: c.late,
      dropped: { ...consumer.dropped },
      lagMs: {
        p50: consumer.lag.quantile(0.5),
        p99: consumer.lag.quantile(0.99),
        max: consumer.lag.quantile(1),
        samples: consumer.lag.count,
      },
    },
    connected: consumer.connected,
  };
}
