/**
 * The core's cluster routes: `PUT /api/cluster/evidence/:sha256` (video nodes upload evidence with their node token;
 * the body's sha256 must match; idempotent) and `GET /api/cluster` (admin: nodes, roles, versions, heartbeats, what
 * each holds, hit lag, dropped findings).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { SHA256, type EvidenceStore } from '../kernel/evidence.ts';
import { access } from '../kernel/http/access.ts';
import type { BodyLimitRule } from '../kernel/http/body-limit.ts';
import { clientAddress } from '../kernel/http/client-address.ts';
import type { Logger } from '../kernel/log.ts';
import { LogThrottle } from '../kernel/log-throttle.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { ClusterView } from './view.ts';
import type { NodeTokens } from './tokens.ts';

const allow = access('cluster');
const MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/x-flv', 'application/json']);
/** Largest evidence file a node may upload (clips). */
export const EVIDENCE_MAX_BYTES = 256 * 1024 * 1024;

export const clusterBodyLimits: readonly BodyLimitRule[] = [
  { method: 'PUT', path: /^\/api\/cluster\/evidence\//, maxBytes: EVIDENCE_MAX_BYTES },
];

export interface ClusterRouteParts {
  readonly tokens: NodeTokens;
  readonly evidence: EvidenceStore;
  readonly view: () => ClusterView;
  readonly log: Logger;
  readonly trustProxy: boolean;
  readonly now: () => number;
}

export function clusterRoutes(p: ClusterRouteParts): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const refusals = new LogThrottle(p.log, 20);
  let received = 0;

  app.put(
    '/api/cluster/evidence/:sha256',
    allow(
      'public',
      'A video node uploads one evidence file (node token as bearer; the sha256 of the body must match).',
    ),
    async (c) => {
      const node = c.req.header('X-Gridwatch-Node') ?? '(not named)';
      if (!p.tokens.accepts(c.req.header('Authorization'))) {
        refusals.warn({ node, ip: clientAddress(c, p.trustProxy) }, 'cluster node refused: wrong or missing token');
        return c.json({ error: 'unauthenticated', message: 'node token required' }, 401);
      }
      const sha = c.req.param('sha256');
      if (!SHA256.test(sha)) return c.json({ error: 'bad_request', message: 'not a sha256' }, 400);
      const mime = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
      if (!MIMES.has(mime)) return c.json({ error: 'unsupported_media', message: `type "${mime}" refused` }, 415);
      const body = Buffer.from(await c.req.arrayBuffer());
      const actual = createHash('sha256').update(body).digest('hex');
      if (actual !== sha) {
        p.log.warn({ node, sha256: sha, actual }, 'evidence upload refused: body does not match its sha256');
        return c.json({ error: 'bad_request', message: 'the body does not match its sha256' }, 400);
      }
      const had = await p.evidence.find(sha);
      if (!had) await p.evidence.put(body, mime.startsWith('video/') ? 'clip' : 'snapshot', mime, p.now());
      received++;
      return c.json({ sha256: sha, stored: !had, received }, had ? 200 : 201);
    },
  );

  app.get('/api/cluster', allow(['admin'], 'The cluster: nodes, roles, heartbeats, holdings, hit lag, drops.'), (c) =>
    c.json(p.view()),
  );
  return app;
}
