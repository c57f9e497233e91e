/**
 * Open311 GeoReport v2 under /open311/v2 (JSON only): services, service definitions, POST requests (api_key
 * required; duplicates of an open case nearby merge into it), GET requests with filters, GET one request.
 * Errors are Open311's `[{code, description}]`; the description names the field.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { formatPath } from '../kernel/config/load.ts';
import type { ApiEnv } from '../kernel/types/index.ts';
import { InputError } from '../kernel/errors.ts';
import type { Category } from './catalog.ts';
import { findDuplicate } from './dedup.ts';
import { listCases } from './list.ts';
import type { CasesModule } from './module.ts';
import { o311Error, service, serviceRequest } from './open311-format.ts';
import { FINAL_STATUSES, OPEN_STATUSES } from './rules.ts';
import { instant } from './schemas.ts';

const DAY = 86_400_000;
const text = (max: number): z.ZodOptional<z.ZodString> => z.string().max(max).optional();

const postSchema = z
  .object({
    service_code: z.string().min(1, 'required'),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: z.string().min(1).max(500).optional(),
    description: text(4000),
    media_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    email: text(200),
    first_name: text(100),
    last_name: text(100),
    phone: text(50),
    device_id: text(200),
    account_id: text(200),
  })
  .refine((b) => (b.lat === undefined) === (b.long === undefined), { message: 'give both lat and long', path: ['lat'] })
  .refine((b) => b.lat !== undefined || b.address_string !== undefined, {
    message: 'lat/long or address_string is required',
    path: ['address_string'],
  });

const getSchema = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(200).optional(),
  start_date: instant.optional(),
  end_date: instant.optional(),
  status: z.enum(['open', 'closed', 'open,closed', 'closed,open']).optional(),
});

function fail(c: Context, status: 400 | 403 | 404, description: string): Response {
  return c.json(o311Error(status, description), status);
}

function firstIssue(err: z.ZodError): string {
  const i = err.issues[0]!;
  return `${formatPath(i.path)}: ${i.message}`;
}

/** Form (urlencoded/multipart) or JSON body as flat strings. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('Content-Type') ?? '';
  if (/json/i.test(type)) return ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  return (await c.req.parseBody()) as Record<string, unknown>;
}

export function open311Routes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>().basePath('/open311/v2');
  const offered = (): Category[] => mod.service.catalog.config.categories.filter((x) => x.open311);

  app.get('/services.json', (c) => c.json(offered().map((x) => service(x))));

  app.get('/services/:file', (c) => {
    const code = c.req.param('file').replace(/\.json$/, '');
    if (!offered().some((x) => x.code === code)) return fail(c, 404, `service_code: no service "${code}"`);
    return c.json({ service_code: code, attributes: [] });
  });

  app.post('/requests.json', async (c) => {
    const raw = await readBody(c);
    const key = typeof raw.api_key === 'string' ? raw.api_key : c.req.query('api_key');
    const who = key ? mod.apiKeys.verify(key) : undefined;
    if (!who) return fail(c, 403, 'api_key: missing or invalid');
    const parsed = postSchema.safeParse(raw);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const b = parsed.data;
    const cat = mod.service.catalog.category(b.service_code);
    if (!cat?.open311) return fail(c, 400, `service_code: no service "${b.service_code}"`);
    const svc = mod.service;
    const actor = { id: `apikey:${who.id}:${who.name}`, role: 'system' as const };
    const ref = `open311:${randomUUID()}`;
    const location = b.lat !== undefined ? { lat: b.lat, lon: b.long! } : undefined;
    try {
      const result = svc.transaction(() => {
        const near = location ? svc.repo.openCandidates(cat.code, location, cat.dedupMeters) : [];
        const dup = findDuplicate(near, { location }, cat.dedupMeters);
        if (dup)
          return {
            c: svc.attach(dup.id, { ref, note: `citizen report merged: ${b.description ?? ''}`.trim() }, actor)!,
            merged: true,
          };
        const input = {
          source: 'citizen' as const,
          category: cat.code,
          description: b.description ?? cat.name,
          location,
          address: b.address_string,
          mediaUrl: b.media_url,
          refs: [ref],
        };
        return { c: svc.create(input, actor), merged: false };
      });
      const notice = result.merged
        ? '已合并到附近已有案件 merged with an open report nearby'
        : `处置时限 ${cat.limitHours} 工作时`;
      return c.json([{ service_request_id: result.c.id, service_notice: notice, account_id: null }], 201);
    } catch (err) {
      if (err instanceof InputError) return fail(c, 400, err.message);
      throw err;
    }
  });

  app.get('/requests.json', (c) => {
    const parsed = getSchema.safeParse(c.req.query());
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const q = parsed.data;
    const now = mod.service.now();
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
    const page = listCases(
      mod.service.repo.db,
      { categories: codes, status, ids, ...(ids ? {} : { from, to }), pageSize: 1000 },
      now,
    );
    return c.json(page.items.map((x) => serviceRequest(x, mod.service.catalog, mod.service.timeline(x.id))));
  });

  app.get('/requests/:file', (c) => {
    const id = c.req.param('file').replace(/\.json$/, '');
    const found = mod.service.get(id);
    if (!found || !mod.service.catalog.category(found.category)?.open311)
      return fail(c, 404, `service_request_id: no request "${id}"`);
    return c.json([serviceRequest(found, mod.service.catalog, mod.service.timeline(id))]);
  });

  return app;
}
