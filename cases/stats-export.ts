/**
 * Statistics as a spreadsheet (.xlsx, exceljs) or CSV: headers in the chosen language (zh-CN by default), the rows
 * as the statistics page shows them, and the cases counted with their times in the calendar's local time.
 */
import ExcelJS from 'exceljs';
import type { GridAreas } from '../kernel/grid-areas.ts';
import { localDateTime } from '../kernel/time.ts';
import type { Case } from '../kernel/types/index.ts';
import type { Catalog } from './catalog.ts';
import type { KpiRow } from './kpi.ts';
import type { StatsReport } from './stats.ts';
import { FIGURE_COLUMNS, type Lang, say, sourceName } from './stats-labels.ts';

export interface NamedRow extends KpiRow {
  readonly name: string;
}

export interface ExportInput {
  readonly report: Omit<StatsReport, 'rows'> & { readonly rows: readonly NamedRow[] };
  /** The cases counted (registered in the period, within the filter). */
  readonly cases: readonly Case[];
  readonly lang: Lang;
  readonly tz: string;
  readonly catalog: Catalog;
  readonly areas: GridAreas;
  readonly now: number;
}

const round = (v: number | null, digits: number): number | null =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/** One statistics row as cells: name, code, then each figure (rates as fractions to 4 places, hours to 1). */
function figureCells(row: KpiRow): (number | null)[] {
  return FIGURE_COLUMNS.map((c) => {
    const v = row[c.key] as number | null;
    return c.kind === 'rate' ? round(v, 4) : c.kind === 'hours' ? round(v, 1) : v;
  });
}

export function statsTable(x: ExportInput): { header: string[]; rows: (string | number | null)[][] } {
  const { report, lang } = x;
  const header = [
    say(`stats.dim.${report.dimension}`, lang),
    say('stats.code', lang),
    ...FIGURE_COLUMNS.map((c) => say(`stats.fig.${c.key}`, lang)),
  ];
  const rows = report.rows.map((r) => [r.name, r.key, ...figureCells(r)]);
  rows.push([say('stats.total', lang), '', ...figureCells(report.total)]);
  return { header, rows };
}

const CASE_COLUMNS = [
  'case',
  'source',
  'category',
  'street',
  'community',
  'cell',
  'unit',
  'contractor',
  'status',
  'reported',
  'registered',
  'deadline',
  'closed',
  'address',
] as const;

export function caseTable(x: ExportInput): { header: readonly string[]; rows: string[][] } {
  const { lang, tz, catalog, areas } = x;
  const time = (t: number | undefined): string => (t === undefined ? '' : localDateTime(t, tz));
  const area = (cell: string | undefined, level: 'street' | 'community'): string => {
    const code = areas.of(cell, level);
    return code === undefined ? say('stats.none', lang) : areas.name(code);
  };
  const rows = x.cases.map((c) => {
    const cat = catalog.category(c.category);
    return [
      c.id,
      sourceName(c.source, lang),
      cat ? `${c.category} ${cat.name}` : c.category,
      area(c.gridCell, 'street'),
      area(c.gridCell, 'community'),
      c.gridCell ?? '',
      catalog.unit(c.unitId)?.name ?? c.unitId ?? '',
      c.contractor === undefined ? '' : (catalog.unit(c.contractor)?.name ?? c.contractor),
      say(`cases.status.${c.status}`, lang),
      time(c.createdAt),
      time(c.registeredAt),
      time(c.deadline),
      time(c.closedAt),
      c.address ?? '',
    ];
  });
  return { header: CASE_COLUMNS.map((k) => say(`stats.col.${k}`, lang)), rows };
}

function about(x: ExportInput): [string, string][] {
  const { report, lang, tz } = x;
  const row = (k: string, v: string): [string, string] => [say(`stats.about.${k}`, lang), v];
  return [
    row('dimension', say(`stats.dim.${report.dimension}`, lang)),
    row('period', `${localDateTime(report.from, tz)} – ${localDateTime(report.to, tz)}`),
    row('asOf', localDateTime(report.asOf, tz)),
    row('timezone', tz),
    row('filter', JSON.stringify(report.filter)),
    row('exported', localDateTime(x.now, tz)),
    row('definitions', say('stats.about.definitionsText', lang)),
  ];
}

export async function statsXlsx(x: ExportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gridwatch';
  wb.created = new Date(x.now);
  const [s1, s2, s3] = (['stats', 'cases', 'about'] as const).map((k) => say(`stats.sheet.${k}`, x.lang));
  const stats = statsTable(x);
  const sheet = wb.addWorksheet(s1!, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(stats.header).font = { bold: true };
  for (const r of stats.rows) sheet.addRow(r);
  FIGURE_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(i + 3);
    col.width = 12;
    if (c.kind === 'rate') col.numFmt = '0.0%';
    if (c.kind === 'hours') col.numFmt = '0.0';
  });
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 18;
  sheet.getRow(stats.rows.length + 1).font = { bold: true };
  const cases = caseTable(x);
  const list = wb.addWorksheet(s2!, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.addRow([...cases.header]).font = { bold: true };
  for (const r of cases.rows) list.addRow(r);
  cases.header.forEach((_, i) => {
    list.getColumn(i + 1).width = i >= 9 && i <= 12 ? 20 : 14;
  });
  const info = wb.addWorksheet(s3!);
  for (const r of about(x)) info.addRow(r);
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FORMULA = /^[=+\-@\t\r]/;
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The statistics table as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese headers). */
export function statsCsv(x: ExportInput): string {
  const t = statsTable(x);
  return `\uFEFF${[t.header, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The cases counted as CSV, times in the calendar's local time. */
export function casesCsv(x: ExportInput): string {
  const t = caseTable(x);
  return `\uFEFF${[[...t.header], ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
