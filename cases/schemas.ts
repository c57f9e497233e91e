/** Request schemas of the case routes (shared by the routes and the dashboard's OpenAPI/access table). */
import { z } from 'zod';
import { instantString, intString } from '../kernel/http/strict.ts';
import { ACTIONS, STATUSES } from './rules.ts';
import { drillFields } from './stats-schemas.ts';

/** Epoch ms or an ISO-8601 time (strict: kernel/http/strict.ts). */
export const instant = instantString;

const statusList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const list = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = list.filter((x) => !(STATUSES as readonly string[]).includes(x));
    if (bad.length)
      ctx.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')} (one of ${STATUSES.join(', ')})` });
    return list as (typeof STATUSES)[number][];
  });

export const casesQuery = z.strictObject({
  status: statusList.optional().describe('Comma-separated statuses.'),
  category: z
    .string()
    .regex(/^\d{2}-(\d{2}|\*)$/, 'must be "MM-NN" or "MM-*"')
    .optional()
    .describe('Category or major class.'),
  grid: z.string().min(1).max(64).optional().describe('Grid cell code prefix.'),
  unit: z.string().min(1).max(64).optional().describe('Responsible unit (a handler always sees only their own).'),
  source: z.enum(['camera', 'vehicle', 'citizen', 'inspector', 'external']).optional().describe('Case source.'),
  camera: z.string().min(1).max(64).optional().describe('Camera id.'),
  overdue: z.enum(['true', 'false']).optional().describe('"true": dispatched or handling past the deadline.'),
  from: instant.optional().describe('Created at or after (epoch ms or ISO-8601).'),
  to: instant.optional().describe('Created before.'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Search: case number, address or street, plate or vehicle, camera, words of the description; every ' +
        'space-separated term must match (configured names of vehicles, cameras, zones, units and grid cells count).',
    ),
  page: intString(1, 100_000).default(1).describe('Page, from 1.'),
  pageSize: intString(1, 200).default(50).describe('Cases per page.'),
  ...drillFields,
});

export const caseParam = z.strictObject({ id: z.string().min(1).max(64).describe('Case id.') });

export const actionParam = z.strictObject({
  id: z.string().min(1).max(64).describe('Case id.'),
  action: z.enum(ACTIONS).describe('Transition.'),
});

export const evidenceParam = z.strictObject({
  id: z.string().min(1).max(64).describe('Case id.'),
  n: intString(0, 10_000).describe('Index into the case evidence list.'),
});

export const actionBody = z.strictObject({
  reason: z
    .string()
    .max(2000)
    .optional()
    .describe(
      'Why (reject, return, rework, suspend, extension, deny, escalate 督办), feedback text (handle), evaluation note, ' +
        'or the optional note of an urge (催办).',
    ),
  unit: z.string().min(1).max(64).optional().describe('Unit to dispatch to; the routed unit when omitted.'),
  hours: z.number().positive().max(2000).optional().describe('Extension asked for, in working hours.'),
  score: z.number().int().min(1).max(5).optional().describe('Evaluation score 1–5.'),
  seen: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe(
      'The case updatedAt as the client last saw it: if the case changed since, 409 conflict with its current state.',
    ),
});

export const createBody = z
  .strictObject({
    category: z
      .string()
      .regex(/^\d{2}-\d{2}$/, 'must be a category code "MM-NN"')
      .describe('Category code.'),
    description: z.string().min(1).max(2000).describe('What is wrong.'),
    lat: z.number().min(-90).max(90).optional().describe('Latitude (WGS-84).'),
    lon: z.number().min(-180).max(180).optional().describe('Longitude (WGS-84).'),
    address: z.string().min(1).max(500).optional().describe('Address, when there is no position.'),
    source: z.enum(['inspector', 'citizen', 'external']).default('inspector').describe('Who reported it.'),
  })
  .refine((b) => (b.lat === undefined) === (b.lon === undefined), {
    message: 'give both lat and lon, or neither',
    path: ['lat'],
  })
  .refine((b) => b.lat !== undefined || b.address !== undefined, {
    message: 'give lat/lon or an address',
    path: ['address'],
  });

export const kpiQuery = z.strictObject({
  from: instant.optional().describe('Period start (registered at or after); 30 days before `to` when omitted.'),
  to: instant.optional().describe('Period end (exclusive); now when omitted.'),
  format: z.enum(['json', 'csv']).default('json').describe('json or csv.'),
});
