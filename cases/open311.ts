/**
 * Open311 GeoReport v2 under /open311/v2 (JSON only): services, service definitions, POST requests (open311-post.ts),
 * GET requests with filters and pages, GET one request. Only categories marked `open311: true` are offered and
 * readable, vehicle cases never, and only public fields (open311-format.ts). Every request counts against the
 * client address's limit; an api key in the URL is refused. Lists are cached briefly (cleared on any case change).
 * Errors are Open311's `[{code, description}]`; the description names the field.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { formatPath } from '../kernel/config/load.ts';
import { clientAddress } from '../kernel/http/client-address.ts';
import { intString } from '../kernel/http/strict.ts';
import type { ApiEnv } from '../kernel/types/index.ts';
import type { CaseSource } from '../kernel/types/index.ts';
import type { Category } from './catalog.ts';
import { listCases } from './list.ts';
import type { CasesModule } from './module.ts';
import { publicRequest, service } from './open311-format.ts';
import { fail, postRequest } from './open311-post.ts';
import { FINAL_STATUSES, OPEN_STATUSES } from './rules.ts';
import { instant } from './schemas.ts';

const DAY = 86_400_000;
const LIST_TTL_MS = 5_000;
const LIST_CACHE_MAX = 200;
/** Vehicle cases (contractors' vehicles and work plans) are never public. */
const PUBLIC_SOURCES: readonly CaseSource[] = ['citizen', 'camera', 'inspector', 'external'];

const getSchema = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(200).optional(),
  start_date: instant.optional(),
  end_date: instant.optional(),
  status: z.enum(['open', 'closed', 'open,closed', 'closed,open']).optional(),
  page: intString(1, 10_000).default(1),
  page_size: intString(1, 200).default(100),
});

export function open311Routes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>().basePath('/open311/v2');
  const offered = (): Category[] => mod.service.catalog.config.categories.filter((x) => x.open311);
  const cache = new Map<string, { at: number; body: string }>();
  let watching = false; // the module starts after the routes are built: subscribe at the first request

  app.use('*', async (c, next) => {
    if (new URL(c.req.url).searchParams.has('api_key'))
      return fail(c, 400, 'api_key: never in the URL (proxies and logs keep URLs); send the X-Api-Key header');
    if (!watching) watching = !!mod.service.onCommitted(() => cache.clear());
    const wait = mod.limits.open311PerAddress.take(clientAddress(c, mod.limits.trustProxy));
    if (wait > 0) return fail(c, 429, `too many requests from this address; try again in ${wait} s`, wait);
    await next();
  });

  app.get('/services.json', (c) => c.json(offered().map((x) => service(x))));

  app.get('/services/:file', (c) => {
    const code = c.req.param('file').replace(/\.json$/, '');
    if (!offered().some((x) => x.code === code)) return fail(c, 404, `service_code: no service "${code}"`);
    return c.json({ service_code: code, attributes: [] });
  });

  app.post('/requests.json', postRequest(mod));

  app.get('/requests.json', (c) => {
    const parsed = getSchema.safeParse(c.req.query());
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      return fail(c, 400, `${formatPath(i.path)}: ${i.message}`);
    }
    const q = parsed.data;
    const now = mod.service.now();
    const key = JSON.stringify(q);
    const hit = cache.get(key);
    if (hit && now - hit.at < LIST_TTL_MS && now >= hit.at)
      return c.body(hit.body, 200, { 'Content-Type': 'application/json' });
    const to = q.end_date ?? now + 1;
    const from = q.start_date ?? to - 90 * DAY;
    if (to - from > 90 * DAY) return fail(c, 400, 'start_date: the period may span at most 90 days');
    const status = q.status === 'open' ? OPEN_STATUSES : q.status === 'closed' ? FINAL_STATUSES : undefined;
    const codes = (q.service_code?.split(',') ?? offered().map((x) => x.code)).filter((x) =>
      offered().some((o) => o.code === x),
    );
    const ids = q.service_request_id
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const filter = { categories: codes, sources: PUBLIC_SOURCES, status, ids, page: q.page, pageSize: q.page_size };
    const page = listCases(mod.service.repo.db, { ...filter, ...(ids ? {} : { from, to }) }, now);
    const body = JSON.stringify(page.items.map((x) => publicRequest(x, mod.service.catalog)));
    if (cache.size >= LIST_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { at: now, body });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/requests/:file', (c) => {
    const id = c.req.param('file').replace(/\.json$/, '');
    const found = mod.service.get(id);
    if (!found || !mod.service.catalog.category(found.category)?.open311 || !PUBLIC_SOURCES.includes(found.source))
      return fail(c, 404, `service_request_id: no request "${id}"`);
    return c.json([publicRequest(found, mod.service.catalog)]);
  });

  return app;
}
