/**
 * The HTTP API of a video or telemetry node: `/api/health` only (no cases, no dashboard: those are the core's).
 * With GRIDWATCH_CLUSTER_TEST_HOOKS=1 in the environment (tests and the cluster benchmark only, never in production)
 * `POST /api/cluster/test/hits` injects synthetic hits (a fresh id, one random JPEG-typed evidence file each) on the
 * cameras this node holds, through the same bus → spool → broker path as real detections.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import type { EvidenceStore } from '../kernel/evidence.ts';
import { healthReport } from '../kernel/health.ts';
import type { Hit } from '../kernel/types/index.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { VERSION } from '../kernel/version.ts';
import type { HeldCameras } from './publisher.ts';

export interface NodeApiParts {
  readonly components: () => readonly Component[];
  readonly cameras?: HeldCameras;
  readonly evidence?: EvidenceStore;
}

export const testHooksEnabled = (): boolean => process.env.GRIDWATCH_CLUSTER_TEST_HOOKS === '1';

export function nodeApi(ctx: AppContext, parts: NodeApiParts): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/api/health', (c) => {
    const report = healthReport(parts.components(), VERSION, ctx.startedAt, ctx.clock.now());
    return c.json({ ...report, node: { id: ctx.config.node.id, role: ctx.config.node.role } }, 200);
  });
  const { cameras, evidence } = parts;
  if (testHooksEnabled() && cameras && evidence) {
    let n = 0;
    app.post('/api/cluster/test/hits', async (c) => {
      const count = Math.min(1000, Math.max(1, Number(c.req.query('count') ?? '1') || 1));
      const held = cameras.held();
      const made: { id: string; cameraId: string; evidence: string[] }[] = [];
      for (let i = 0; i < count && held.length > 0; i++) {
        const cameraId = held[n % held.length]!;
        const hit = await syntheticHit(ctx, evidence, cameraId, ++n);
        ctx.bus.emit('hit', { phase: 'start', hit });
        made.push({ id: hit.id, cameraId, evidence: hit.evidence.map((e) => e.sha256) });
      }
      return c.json({ node: ctx.config.node.id, held, hits: made });
    });
  }
  app.all('*', (c) =>
    c.json({ error: 'not_found', message: `a ${ctx.config.node.role} node serves /api/health` }, 404),
  );
  return app;
}

async function syntheticHit(ctx: AppContext, store: EvidenceStore, cameraId: string, n: number): Promise<Hit> {
  const now = ctx.clock.now();
  const zone = ctx.config.zones.find((z) => z.camera === cameraId);
  const body = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096), Buffer.from([0xff, 0xd9])]);
  const ev = await store.put(body, 'snapshot', 'image/jpeg', now);
  return {
    id: `inj-${ctx.config.node.id}-${now.toString(36)}-${n}`,
    rule: zone?.kind === 'no-vending' ? 'vending' : 'litter',
    category: zone?.category ?? (zone?.kind === 'no-vending' ? '05-04' : '01-02'),
    cameraId,
    zoneId: zone?.id ?? `inj-${cameraId}`,
    start: now,
    lastSeen: now,
    repeat: 1,
    region: { x1: 0.1, y1: 0.1, x2: 0.3, y2: 0.3 },
    boxes: [],
    evidence: [ev],
  };
}
