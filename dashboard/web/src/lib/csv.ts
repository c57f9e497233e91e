/** CSV export: RFC 4180 quoting, a UTF-8 BOM so spreadsheet programs read Chinese correctly, downloaded as a file. */
export type Cell = string | number | boolean | null | undefined;

const CELL_NEEDS_QUOTES = /[",\r\n]/;
/** Cells starting with these are formulas to spreadsheet programs: prefix a quote (CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA.test(s)) s = `'${s}`;
  return CELL_NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A time for a CSV cell: local wall-clock "YYYY-MM-DD HH:MM:SS" in the work calendar's zone (not UTC), which
 * spreadsheet programs read as a date and which sorts as text.
 */
export function csvTime(ts: number | undefined, timeZone: string | undefined): string | undefined {
  if (ts === undefined || !Number.isFinite(ts)) return undefined;
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(ts);
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
