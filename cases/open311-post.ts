/**
 * Open311 POST requests.json: the api key (X-Api-Key header only — never the URL, which proxies and logs keep) is
 * checked and the key's creation limit taken BEFORE the body is read, so an anonymous or over-limit client never
 * gets its body read (the body limit bounds the rest). A report near an open case of its category merges into it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { formatPath } from '../kernel/config/load.ts';
import { InputError } from '../kernel/errors.ts';
import { strictNumber } from '../kernel/http/strict.ts';
import { findDuplicate } from './dedup.ts';
import type { CasesModule } from './module.ts';
import { o311Error } from './open311-format.ts';
import { msg } from '../kernel/messages/text.ts';

const text = (max: number): z.ZodOptional<z.ZodString> => z.string().max(max).optional();

const postSchema = z
  .object({
    service_code: z.string().min(1, 'required'),
    lat: strictNumber(-90, 90).optional(),
    long: strictNumber(-180, 180).optional(),
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

export function fail(c: Context, status: 400 | 403 | 404 | 429, description: string, wait?: number): Response {
  return c.json(o311Error(status, description), status, wait ? { 'Retry-After': String(wait) } : {});
}

function firstIssue(err: z.ZodError): string {
  const i = err.issues[0]!;
  return `${formatPath(i.path)}: ${i.message}`;
}

/** Form (urlencoded/multipart) or JSON body; undefined when it cannot be read as either. */
async function readBody(c: Context): Promise<Record<string, unknown> | undefined> {
  const type = c.req.header('Content-Type') ?? '';
  try {
    if (/json/i.test(type)) {
      const v: unknown = await c.req.json();
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    }
    return (await c.req.parseBody()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function postRequest(mod: CasesModule): (c: Context) => Promise<Response> {
  return async (c) => {
    const key = c.req.header('X-Api-Key');
    const who = key ? mod.apiKeys.verify(key) : undefined;
    if (!who) return fail(c, 403, 'api_key: missing or invalid (send it in the X-Api-Key header)');
    const wait = mod.limits.createPerApiKey.take(who.id);
    if (wait > 0) return fail(c, 429, `api_key: too many reports; try again in ${wait} s`, wait);
    const raw = await readBody(c);
    if (!raw) return fail(c, 400, 'body: not a readable form or JSON object');
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
            c: svc.attach(
              dup.id,
              { ref, note: msg('cases.note.citizenMerged', { text: b.description ?? '' }) },
              actor,
            )!,
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
  };
}
