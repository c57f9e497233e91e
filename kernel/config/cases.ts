import { z } from 'zod';
import { categoryCode, hhmm, id, timezone, type Problem } from './common.ts';

export const categorySchema = z
  .strictObject({
    code: categoryCode.describe('Code "MM-NN": major class – minor class (GB/T 30428.2 style).'),
    major: z.string().min(1).describe('Major class name, e.g. 市容环境.'),
    name: z.string().min(1).describe('Minor class name in Chinese, e.g. 暴露垃圾.'),
    nameEn: z.string().optional().describe('Minor class name in English.'),
    limitHours: z.number().min(0.25).max(2000).describe('Handling time limit in working hours.'),
    autoRegister: z.boolean().default(false).describe('Cases from cameras/vehicles are registered (立案) without a person.'),
    autoDispatch: z.boolean().default(false).describe('Registered cases are dispatched to the routed unit without a person.'),
    dedupMeters: z.number().min(0).max(1000).default(30).describe('A new finding this close to an open case of this category attaches to it.'),
    open311: z.boolean().default(true).describe('Offered to citizens as an Open311 service.'),
  })
  .describe('A case category and its time limit.');

export const unitSchema = z
  .strictObject({
    id: id.describe('Unit id.'),
    name: z.string().min(1).describe('Name, e.g. 鼓楼区环卫处.'),
    contractor: z.boolean().default(false).describe('The unit is a contractor (作业单位) whose vehicles are supervised.'),
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
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]).describe('Public holidays "YYYY-MM-DD".'),
    workdays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .default([])
      .describe('Weekend days that are working days (调休), "YYYY-MM-DD".'),
  })
  .describe('Working calendar for deadlines.');

export const casesSchema = z
  .strictObject({
    categories: z.array(categorySchema).default([]).describe('The category code table.'),
    units: z.array(unitSchema).default([]).describe('Responsible units.'),
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
    if (codes.has(c.code)) problems.push({ path: ['cases', 'categories', i, 'code'], message: `duplicate category "${c.code}"` });
    codes.add(c.code);
  });
  const units = new Set(cases.units.map((u) => u.id));
  cases.routing.forEach((r, i) => {
    if (!units.has(r.unit)) problems.push({ path: ['cases', 'routing', i, 'unit'], message: `routing references unknown unit "${r.unit}"` });
  });
  return problems;
}
