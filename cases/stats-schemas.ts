/** Query schemas of the statistics route and of the case list's drill-down filters. */
import { z } from 'zod';
import { instantString } from '../kernel/http/strict.ts';
import { FIGURE_NAMES } from './kpi.ts';
import { DIMENSIONS } from './stats.ts';

const code = (what: string) => z.string().min(1).max(64).optional().describe(what);
const sources = z.enum(['camera', 'vehicle', 'citizen', 'inspector', 'external']);

/** Filters the case list adds for the statistics' drill-down ("(none)": cases without the value). */
export const drillFields = {
  contractor: code('Contractor (作业单位), exactly.'),
  cell: code('One grid cell, exactly; "(none)" for cases without a cell.'),
  street: code('街道 area code (grid.areas); with `figure`, exactly as the statistics count; else a cell prefix.'),
  community: code('社区 area code (grid.areas); as `street`.'),
  figure: z
    .enum(FIGURE_NAMES)
    .optional()
    .describe(
      'Statistics drill-down: only the cases counted in this KPI figure over [periodFrom, periodTo) ' +
        '(cases/README.md definitions), within the other filters.',
    ),
  periodFrom: instantString.optional().describe('With `figure`: the statistics period start (registered at or after).'),
  periodTo: instantString.optional().describe('With `figure`: the statistics period end (exclusive).'),
};

export const statsQuery = z.strictObject({
  from: instantString.describe('Period start: cases registered (立案) at or after (epoch ms or ISO-8601).'),
  to: instantString.describe('Period end (exclusive).'),
  dimension: z
    .enum(DIMENSIONS)
    .default('street')
    .describe('Rows by 街道, 社区, grid cell, 大类, 小类, unit, contractor, source.'),
  category: z
    .string()
    .regex(/^\d{2}-(\d{2}|\*)$/, 'must be "MM-NN" or "MM-*"')
    .optional()
    .describe('Only this category or major class "MM-*" (大类 → 小类).'),
  grid: code('Only cells with this code prefix.'),
  cell: code('Only this grid cell ("(none)": without a cell).'),
  street: code('Only this 街道 (area code; "(none)": outside every street).'),
  community: code('Only this 社区.'),
  unit: code('Only this unit ("(none)": without a unit).'),
  contractor: code('Only this contractor.'),
  source: sources.optional().describe('Only this source.'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('json, csv (UTF-8 with BOM) or xlsx.'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN').describe('Language of names and headers in csv/xlsx.'),
});
