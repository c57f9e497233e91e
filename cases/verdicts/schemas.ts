/** Request schemas of the verdict and mask routes (shared by the routes and the dashboard's OpenAPI/access table). */
import { z } from 'zod';
import { FALSE_REASONS } from '../../kernel/types/verdict.ts';
import { instant } from '../schemas.ts';

export const verdictBody = z.strictObject({
  verdict: z.enum(['confirmed', 'false']).describe('确认 confirmed, or 误报 a false alarm.'),
  reason: z
    .enum(FALSE_REASONS)
    .optional()
    .describe(
      'Why it is a false alarm (needed for "false"): wrong-object, allowed-activity, outside-zone, duplicate, other.',
    ),
  note: z.string().max(2000).optional().describe('Free text (needed with reason "other").'),
});

export const hitsQuery = z.strictObject({
  camera: z.string().min(1).max(64).optional().describe('Camera id.'),
  zone: z.string().min(1).max(64).optional().describe('Zone id.'),
  suppressed: z.enum(['true', 'false']).optional().describe('"true": only hits a false-alarm mask suppressed.'),
  since: instant.optional().describe('Seen at or after (epoch ms or ISO-8601).'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('At most this many, newest first.'),
});

export const statsQuery = z.strictObject({
  from: instant.optional().describe('Hits that started at or after; 30 days before `to` when omitted.'),
  to: instant.optional().describe('Period end (exclusive); now when omitted.'),
});

export const masksQuery = z.strictObject({
  camera: z.string().min(1).max(64).optional().describe('Camera id.'),
  zone: z.string().min(1).max(64).optional().describe('Zone id.'),
  all: z.enum(['true', 'false']).default('false').describe('"true": also lifted and expired masks.'),
});

export const extendBody = z.strictObject({
  days: z.number().positive().max(365).describe('Days added (from now, or from its end when that is later).'),
  reason: z.string().max(2000).optional().describe('Why (kept in the mask history).'),
});

export const liftBody = z.strictObject({
  reason: z.string().max(2000).optional().describe('Why (kept in the mask history).'),
});

export const idParam = z.strictObject({ id: z.string().min(1).max(80).describe('Id.') });
