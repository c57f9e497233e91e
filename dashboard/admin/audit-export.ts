/**
 * The audit log as CSV (RFC 4180, UTF-8 with BOM so Excel reads the Chinese, cells that would start a formula
 * prefixed with "'") and as .xlsx (exceljs), headers in the chosen language, times local in the work calendar's time
 * zone ("2026-12-05 08:30:00"; in the .xlsx a date cell showing that wall-clock time).
 */
import ExcelJS from 'exceljs';
import { localParts, tzOffsetMs } from '../../kernel/time.ts';
import type { AuditEntry, AuditKind } from './audit.ts';

export type ExportLang = 'zh-CN' | 'en';

const HEADERS: Record<ExportLang, readonly string[]> = {
  'zh-CN': ['时间', '用户', '姓名', '角色', '地址', '类别', '操作', '对象', '详情', '状态码'],
  en: ['Time', 'User', 'Name', 'Role', 'Address', 'Kind', 'Action', 'Target', 'Detail', 'Status'],
};

const KINDS: Record<ExportLang, Record<AuditKind, string>> = {
  'zh-CN': {
    login: '登录',
    'login-failed': '登录失败',
    logout: '退出',
    case: '案件操作',
    admin: '系统管理',
    other: '其他',
  },
  en: {
    login: 'Login',
    'login-failed': 'Failed login',
    logout: 'Logout',
    case: 'Case action',
    admin: 'Administration',
    other: 'Other',
  },
};

const p2 = (n: number): string => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:MM:SS" in `tz`. */
export function localTime(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${p.y}-${p2(p.m)}-${p2(p.d)} ${p2(p.hh)}:${p2(p.mm)}:${p2(p.ss)}`;
}

/** Display names by login name (the people, not only their logins). */
export type Names = ReadonlyMap<string, string>;

function values(e: AuditEntry, lang: ExportLang, names: Names): (string | number)[] {
  return [
    e.actor ?? '',
    (e.actor && names.get(e.actor)) ?? '',
    e.role ?? '',
    e.ip ?? '',
    KINDS[lang][e.kind] ?? e.kind,
    e.action,
    e.target ?? '',
    e.detail ?? '',
    e.status ?? '',
  ];
}

function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(
  entries: readonly AuditEntry[],
  tz: string,
  lang: ExportLang,
  names: Names = new Map(),
): string {
  const lines = [HEADERS[lang], ...entries.map((e) => [localTime(e.at, tz), ...values(e, lang, names)])];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function auditXlsx(
  entries: readonly AuditEntry[],
  tz: string,
  lang: ExportLang,
  names: Names = new Map(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gridwatch';
  const ws = wb.addWorksheet(lang === 'zh-CN' ? '审计日志' : 'Audit log');
  ws.columns = HEADERS[lang].map((h, i) => ({ header: h, width: [20, 14, 16, 10, 16, 12, 30, 18, 60, 8][i] }));
  ws.getRow(1).font = { bold: true };
  for (const e of entries) ws.addRow([new Date(e.at + tzOffsetMs(e.at, tz)), ...values(e, lang, names)]);
  ws.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
