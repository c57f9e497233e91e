/** The audit log for the admin: search (user, kind, local date range, text) and export as CSV or .xlsx. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { access } from '../../kernel/http/access.ts';
import { zv } from '../../kernel/http/validate.ts';
import { addDays, localToInstant } from '../../kernel/time.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { auditCsv, auditXlsx, type ExportLang } from './audit-export.ts';
import type { AuditLog, AuditQuery } from './audit.ts';
import { auditQuery, type AuditQueryInput } from './schemas.ts';

const allow = access('admin');
const ADMIN = ['admin'] as const;

export interface AuditRoutesDeps {
  readonly audit: AuditLog;
  /** The work calendar's time zone: dates of the query and times of the exports are local to it. */
  readonly timeZone: string;
  readonly locale: ExportLang;
  /** Display names by login name, for the exports. */
  readonly names: () => ReadonlyMap<string, string>;
}

const day = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};

/** The store's query for the HTTP one: `from`/`to` local dates → [start of from, end of to). */
export function toQuery(q: AuditQueryInput, tz: string): AuditQuery {
  return {
    ...(q.user ? { user: q.user } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.text ? { text: q.text } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.from ? { from: localToInstant(day(q.from), 0, tz) } : {}),
    ...(q.to ? { to: localToInstant(addDays(day(q.to), 1), 0, tz) } : {}),
  };
}

function langOf(c: Context, fallback: ExportLang): ExportLang {
  const asked = c.req.query('lang') ?? c.req.header('Accept-Language') ?? '';
  return asked.startsWith('en') ? 'en' : asked.startsWith('zh') ? 'zh-CN' : fallback;
}

const exportQuery = auditQuery.extend({
  lang: z.enum(['zh-CN', 'en']).optional().describe('Language of the headers (else Accept-Language).'),
});

export function auditRoutes(deps: AuditRoutesDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const search = (q: AuditQueryInput, limit?: number) =>
    deps.audit.search({ ...toQuery(q, deps.timeZone), ...(limit ? { limit: q.limit ?? limit } : {}) });

  app.get(
    '/api/admin/audit',
    allow(ADMIN, 'The audit log, newest first: logins, failed logins, logouts, case actions, admin changes.'),
    zv('query', auditQuery),
    (c) => c.json(search(c.req.valid('query'))),
  );

  app.get(
    '/api/admin/audit.csv',
    allow(ADMIN, 'The audit log as CSV (local times), the same filters.'),
    zv('query', exportQuery),
    (c) => {
      const q = c.req.valid('query');
      const body = auditCsv(search(q, 10_000).items, deps.timeZone, langOf(c, deps.locale), deps.names());
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="audit-log.csv"');
      return c.body(body);
    },
  );

  app.get(
    '/api/admin/audit.xlsx',
    allow(ADMIN, 'The audit log as an Excel workbook (local times), the same filters.'),
    zv('query', exportQuery),
    async (c) => {
      const q = c.req.valid('query');
      const buf = await auditXlsx(search(q, 10_000).items, deps.timeZone, langOf(c, deps.locale), deps.names());
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', 'attachment; filename="audit-log.xlsx"');
      return c.body(new Uint8Array(buf));
    },
  );

  return app;
}
