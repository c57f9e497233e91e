/**
 * The cluster's pieces of a node, built from the context for app.ts's role lists: the core's bridge consumer and
 * routes, a node's publisher and evidence spool.
 */
import type { Hono } from 'hono';
import { defaultNodeId } from '../kernel/config/cluster.ts';
import type { AppContext } from '../kernel/context.ts';
import type { Db } from '../kernel/db.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { VERSION } from '../kernel/version.ts';
import path from 'node:path';
import { brokerOf } from './broker.ts';
import { ClusterConsumer, type LeaseView } from './consumer.ts';
import { ClusterTopics } from './messages.ts';
import { FindingsOutbox } from './outbox.ts';
import { ClusterPublisher, type PublisherOptions } from './publisher.ts';
import { clusterRoutes } from './routes.ts';
import { EvidenceSpool } from './spool.ts';
import { NodeTokens } from './tokens.ts';
import { clusterView } from './view.ts';

export function nodeIdOf(ctx: AppContext): string {
  return ctx.config.node.id ?? defaultNodeId();
}

/** Core: the broker → the bus (hits fenced by camera lease), exactly once; evidence uploads; /api/cluster. */
export function coreBridge(
  ctx: AppContext,
  db: () => Db,
  leases?: () => LeaseView | undefined,
): { consumer: ClusterConsumer; routes: Hono<ApiEnv> } {
  const { config, bus, log, clock } = ctx;
  const nodeId = nodeIdOf(ctx);
  const consumer = new ClusterConsumer({
    ...brokerOf(config, nodeId),
    topics: new ClusterTopics(config.mqtt.topicPrefix),
    db,
    bus,
    log,
    clock,
    ...(leases ? { leases } : {}),
  });
  const self = { nodeId, role: 'core', version: VERSION };
  const routes = clusterRoutes({
    tokens: new NodeTokens(config.cluster?.tokens ?? []),
    evidence: EvidenceStore.inDataDir(ctx.dataDir),
    view: () => clusterView(consumer, self, Date.now()),
    log,
    trustProxy: config.server.trustProxy,
    now: () => clock.now(),
  });
  return { consumer, routes };
}

/** Video node: DATA/spool → the core's evidence upload. */
export function evidenceSpool(ctx: AppContext, store: EvidenceStore): EvidenceSpool {
  const c = ctx.config.cluster;
  return new EvidenceSpool({
    dir: path.join(ctx.dataDir, 'spool'),
    store,
    coreUrl: c?.coreUrl ?? '',
    token: c?.token ?? '',
    nodeId: nodeIdOf(ctx),
    log: ctx.log,
    retryMaxMs: (c?.spoolRetryMaxSeconds ?? 30) * 1000,
  });
}

/** A video or telemetry node's findings → DATA/spool/findings/ → the broker (removed on its acknowledgement). */
export function nodePublisher(
  ctx: AppContext,
  role: 'video' | 'telemetry',
  extra: Pick<PublisherOptions, 'cameras' | 'vehicles' | 'spool'>,
): ClusterPublisher {
  const nodeId = nodeIdOf(ctx);
  return new ClusterPublisher({
    ...brokerOf(ctx.config, nodeId),
    nodeId,
    role,
    version: VERSION,
    startedAt: ctx.startedAt,
    topics: new ClusterTopics(ctx.config.mqtt.topicPrefix),
    bus: ctx.bus,
    log: ctx.log,
    outbox: new FindingsOutbox({
      dir: path.join(ctx.dataDir, 'spool', 'findings'),
      max: ctx.config.cluster?.outboxMaxFindings ?? 100_000,
      log: ctx.log,
    }),
    ...extra,
  });
}

/** The camera lease (and the core's leadership lease on SQLite), in ms. */
export function leaseMs(ctx: AppContext): number {
  return (ctx.config.cluster?.leaseSeconds ?? 15) * 1000;
}
