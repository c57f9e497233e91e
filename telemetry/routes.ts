/**
 * Vehicle telemetry over HTTP:
 *   GET /api/vehicles                      every configured vehicle: last position, online state, validation counts
 *   GET /api/vehicles/:id/track?from&to    a vehicle's fixes between two times (ISO 8601 or epoch ms), in ts order
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { HttpError } from '../kernel/http/errors.ts';
import { intString } from '../kernel/http/strict.ts';
import { zv } from '../kernel/http/validate.ts';
import { parseIsoTime } from './trace/time.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { TelemetryService } from './service.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';
import { msg } from '../kernel/messages/text.ts';

const allow = access('telemetry');

const MAX_RANGE_MS = 7 * 86_400_000;
const DEFAULT_RANGE_MS = 3_600_000;

const instant = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const t = /^\d{1,15}$/.test(s) ? Number(s) : parseIsoTime(s);
    if (t === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time (with offset) or epoch milliseconds' });
      return z.NEVER;
    }
    return t;
  });

export const vehicleParam = z.strictObject({ id: z.string().min(1).max(64).describe('Vehicle id.') });

export const trackQuery = z
  .strictObject({
    from: instant.optional().describe('Start (inclusive), ISO 8601 or epoch ms; default: one hour before `to`.'),
    to: instant.optional().describe('End (inclusive), ISO 8601 or epoch ms; default: now.'),
    limit: intString(1, 100_000).default(100_000).describe('Most fixes returned.'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.to - q.from <= MAX_RANGE_MS, {
    message: 'the range may span at most 7 days',
    path: ['to'],
  });

export function telemetryRoutes(s: TelemetryService): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/vehicles',
    allow(ANY_ROLE, 'Every vehicle: last position, online state, validation counts.'),
    async (c) => c.json({ vehicles: await s.vehicles() }),
  );
  app.get(
    '/api/vehicles/:id/track',
    allow(ANY_ROLE, "A vehicle's fixes between two times, in time order."),
    zv('param', vehicleParam),
    zv('query', trackQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!s.isKnown(id)) throw new HttpError('not_found', { what: msg('telemetry.what.vehicle', { id }) });
      const q = c.req.valid('query');
      const to = q.to ?? Date.now();
      const from = q.from ?? to - DEFAULT_RANGE_MS;
      const points = await s.track(id, from, to, q.limit + 1);
      const truncated = points.length > q.limit;
      return c.json({ vehicleId: id, from, to, truncated, points: truncated ? points.slice(0, q.limit) : points });
    },
  );
  return app;
}
