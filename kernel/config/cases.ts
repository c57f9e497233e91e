import { z } from 'zod';
import { categoryCode, hhmm, id, timezone, type Problem } from './common.ts';
import { checkNotify, notifySchema } from './notify.ts';

export const categorySchema = z
  .strictObject({
    code: categoryCode.describe('Code "MM-NN": major class – minor class (GB/T 30428.2 style).'),
    major: z.string().min(1).describe('Major class name, e.g. 市容环境.'),
    name: z.string().min(1).describe('Minor class name in Chinese, e.g. 暴露垃圾.'),
    nameEn: z.string().optional().describe('Minor class name in English.'),
    limitHours: z.number().min(0.25).max(2000).describe('Handling time limit in working hours.'),
    autoRegister: z
      .boolean()
      .default(false)
      .describe('Cases from cameras/vehicles are registered (立案) without a person.'),
    autoDispatch: z
      .boolean()
      .default(false)
      .describe('Registered cases are dispatched to the routed unit without a person.'),
    dedupMeters: z
      .number()
      .min(0)
      .max(1000)
      .default(30)
      .describe('A new finding this close to an open case of this category attaches to it.'),
    open311: z
      .boolean()
      .default(false)
      .describe(
        'Public: offered to citizens as an Open311 service — anyone may read the public fields of its cases ' +
          '(no staff notes, no camera or vehicle data; vehicle cases never) and api-key holders may report it. ' +
          'Off by default: mark only categories citizens should see.',
      ),
    verifyByCamera: z
      .boolean()
      .default(true)
      .describe('Camera re-check (核查) for this category; false → operators verify its cases by hand.'),
  })
  .describe('A case category and its time limit.');

export const unitSchema = z
  .strictObject({
    id: id.describe('Unit id.'),
    name: z.string().min(1).describe('Name, e.g. 鼓楼区环卫处.'),
    contractor: z
      .boolean()
      .default(false)
      .describe('The unit is a contractor (作业单位) whose vehicles are supervised.'),
  })
  .describe('A responsible unit (责任单位).');

export const routeSchema = z
  .strictObject({
    category: z.string().default('*').describe('Category code, a major class "MM-*", or "*" for all.'),
    grid: z.string().default('*').describe('Grid cell code prefix, or "*" for all.'),
    unit: id.describe('Unit the matching cases go to.'),
  })
  .describe('Routes cases of a category in a part of the grid to a unit; the first match wins.');

export const calendarSchema = z
  .strictObject({
    timezone: timezone.default('Asia/Shanghai').describe('Time zone of the work calendar.'),
    hours: z
      .array(z.strictObject({ start: hhmm.describe('Start "HH:MM".'), end: hhmm.describe('End "HH:MM".') }))
      .default([
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ])
      .describe('Working hours of a working day.'),
    weekend: z.array(z.number().int().min(0).max(6)).default([0, 6]).describe('Days off each week, 0 = Sunday.'),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .default([])
      .describe('Public holidays "YYYY-MM-DD".'),
    workdays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .default([])
      .describe('Weekend days that are working days (调休), "YYYY-MM-DD".'),
  })
  .describe('Working calendar for deadlines.');

export const webhookSchema = z
  .strictObject({
    id: id.describe('Target id (shown in logs and the outbox).'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .describe('Where case events are POSTed as JSON.'),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .describe('HMAC-SHA256 key: X-Gridwatch-Signature = sha256=hex(hmac(timestamp + "." + body)).'),
    events: z
      .array(z.enum(['created', 'attached', 'transition', 'note']))
      .default(['created', 'attached', 'transition', 'note'])
      .describe('Case event types sent to this target.'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(12)
      .describe('Attempts before a delivery is given up (marked failed).'),
    retryBaseSeconds: z.number().min(0.01).max(3600).default(5).describe('First retry delay; doubles each attempt.'),
    retryMaxSeconds: z.number().min(0.01).max(86400).default(3600).describe('Longest retry delay.'),
    timeoutSeconds: z.number().min(0.1).max(120).default(10).describe('Request timeout.'),
  })
  .describe('A webhook target: every case event is delivered at least once, signed, retried with backoff.');

export const caseLimitsSchema = z
  .strictObject({
    createPerUserPerMinute: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(30)
      .describe('Cases one logged-in user may create (POST /api/cases) per minute; more get 429 with Retry-After.'),
    createPerApiKeyPerMinute: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(60)
      .describe('Citizen reports one Open311 api key may post per minute (merged duplicates count too).'),
    open311PerAddressPerMinute: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(120)
      .describe('Open311 requests (reads and posts) one client address may make per minute.'),
    photoMaxMb: z
      .number()
      .min(0.1)
      .max(100)
      .default(10)
      .describe(
        'Largest feedback photo accepted (POST /api/cases/:id/photos), in MB, as sent (the phone UI shrinks photos ' +
          'to a long side of 1600 px before upload); larger ones are refused naming the size and the limit.',
      ),
  })
  .describe('Abuse limits: case creation per user and per api key, Open311 requests per client address.');

export const casesSchema = z
  .strictObject({
    auto: z.boolean().default(true).describe('Open cases automatically from camera hits and vehicle violations.'),
    verifyByCamera: z
      .boolean()
      .default(true)
      .describe('When a camera case is reported handled, re-check the spot by camera (核查).'),
    recheck: z
      .strictObject({
        windowSeconds: z
          .number()
          .min(1)
          .max(3600)
          .default(30)
          .describe('The re-check looks at the spot for at least this long.'),
        minFrames: z.number().int().min(1).max(1000).default(5).describe('…and at least this many analysed frames.'),
      })
      .default({ windowSeconds: 30, minFrames: 5 })
      .describe('Camera re-check window: "still present" (返工) only when found in most of its frames.'),
    suppressDays: z
      .number()
      .min(0.01)
      .max(365)
      .default(7)
      .describe('A false-alarm verdict (误报) masks its spot for this many days: findings there open no case.'),
    webhooks: z.array(webhookSchema).default([]).describe('Webhook targets mirroring case events to other platforms.'),
    notify: notifySchema.prefault({}),
    categories: z.array(categorySchema).default([]).describe('The category code table.'),
    units: z.array(unitSchema).default([]).describe('Responsible units.'),
    limits: caseLimitsSchema.prefault({}),
    routing: z.array(routeSchema).default([]).describe('Category × grid → unit routing table.'),
    calendar: calendarSchema.default({
      timezone: 'Asia/Shanghai',
      hours: [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      weekend: [0, 6],
      holidays: [],
      workdays: [],
    }),
  })
  .describe('The case workflow: categories, units, routing, calendar.');

type CasesConfig = z.infer<typeof casesSchema>;

export function checkCases(cases: CasesConfig): Problem[] {
  const problems: Problem[] = [];
  const codes = new Set<string>();
  cases.categories.forEach((c, i) => {
    if (codes.has(c.code))
      problems.push({ path: ['cases', 'categories', i, 'code'], message: `duplicate category "${c.code}"` });
    codes.add(c.code);
  });
  const units = new Set(cases.units.map((u) => u.id));
  const unitIds = new Set<string>();
  cases.units.forEach((u, i) => {
    if (unitIds.has(u.id)) problems.push({ path: ['cases', 'units', i, 'id'], message: `duplicate unit "${u.id}"` });
    unitIds.add(u.id);
  });
  cases.routing.forEach((r, i) => {
    if (!/^(\*|\d{2}-\*|\d{2}-\d{2})$/.test(r.category)) {
      problems.push({
        path: ['cases', 'routing', i, 'category'],
        message: `must be "*", "MM-*" or "MM-NN", got "${r.category}"`,
      });
    }
  });
  const hooks = new Set<string>();
  cases.webhooks.forEach((w, i) => {
    if (hooks.has(w.id))
      problems.push({ path: ['cases', 'webhooks', i, 'id'], message: `duplicate webhook "${w.id}"` });
    hooks.add(w.id);
  });
  let lastEnd = '';
  cases.calendar.hours.forEach((h, i) => {
    if (h.end <= h.start)
      problems.push({
        path: ['cases', 'calendar', 'hours', i],
        message: `end ${h.end} must be after start ${h.start}`,
      });
    else if (h.start < lastEnd)
      problems.push({
        path: ['cases', 'calendar', 'hours', i],
        message: `starts before the previous period ends (${lastEnd}): list periods in order without overlap`,
      });
    lastEnd = h.end;
  });
  problems.push(...checkNotify(cases.notify, units, hooks));
  cases.routing.forEach((r, i) => {
    if (!units.has(r.unit))
      problems.push({ path: ['cases', 'routing', i, 'unit'], message: `routing references unknown unit "${r.unit}"` });
  });
  return problems;
}
