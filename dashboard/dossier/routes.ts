/**
 * The 案卷 over HTTP: `GET /api/cases/:id/dossier` (the sheet as a page, with a toolbar: print, PDF),
 * `GET /api/cases/:id/dossier.pdf` (the same sheet printed by the server's headless chromium; 503 naming what is
 * missing where chromium is not installed) and the toolbar's script. Who may see the case may see its sheet (a
 * handler: their unit's cases only; others are "not found", as for the case itself).
 */
import path from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { visibleCase, userOf } from '../../cases/http.ts';
import type { CasesModule } from '../../cases/module.ts';
import type { AppContext } from '../../kernel/context.ts';
import { access, ANY_ROLE } from '../../kernel/http/access.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/index.ts';
import type { RoadLine } from '../../telemetry/route/roads.ts';
import { readRoadLines } from '../../telemetry/route/load-roads.ts';
import { requestLocale, tr, type Locale } from '../i18n.ts';
import { dossierHtml } from './html.ts';
import { type DossierSources, dossierModel } from './model.ts';
import { chromiumAvailable, chromiumPath, htmlToPdf } from './pdf.ts';

const allow = access('cases');

const param = z.strictObject({ id: z.string().min(1).max(64).describe('Case id.') });
const langQuery = z.strictObject({
  lang: z.enum(['zh-CN', 'en']).optional().describe('Language of the sheet (default: Accept-Language).'),
});

export const PRINT_SCRIPT =
  "document.getElementById('print')?.addEventListener('click', () => window.print());\n" +
  "if (location.hash === '#print') window.addEventListener('load', () => window.print());\n";

export function dossierRoutes(ctx: AppContext, cases: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  let roads: readonly RoadLine[] | undefined;
  const src: DossierSources = {
    cases,
    config: ctx.config,
    now: () => ctx.clock.now(),
    roads: () => {
      roads ??= ctx.config.roads ? readRoadLines(path.resolve(ctx.baseDir, ctx.config.roads.file)) : [];
      return roads;
    },
  };
  const locale = (lang: Locale | undefined, header: Locale): Locale => lang ?? header;

  app.get(
    '/api/cases/:id/dossier',
    allow(ANY_ROLE, 'The case sheet (案卷) as a printable page: every field, evidence, track map, timeline.'),
    zv('param', param),
    zv('query', langQuery),
    async (c) => {
      const found = visibleCase(cases, userOf(c), c.req.valid('param').id);
      const loc = locale(c.req.valid('query').lang, requestLocale(c, ctx.config.server.locale));
      const model = await dossierModel(src, found, loc, {
        pdfHref: `dossier.pdf?lang=${loc}`,
        scriptSrc: '/api/dossier/print.js',
        backHref: `/#/cases/${encodeURIComponent(found.id)}`,
      });
      return c.html(dossierHtml(model), 200, { 'Cache-Control': 'no-store' });
    },
  );

  app.get(
    '/api/cases/:id/dossier.pdf',
    allow(ANY_ROLE, 'The case sheet (案卷) as a PDF, printed by the server (503 where chromium is not installed).'),
    zv('param', param),
    zv('query', langQuery),
    async (c) => {
      const found = visibleCase(cases, userOf(c), c.req.valid('param').id);
      const loc = locale(c.req.valid('query').lang, requestLocale(c, ctx.config.server.locale));
      const bin = chromiumPath();
      if (!chromiumAvailable(bin))
        throw new HttpError('unavailable', { what: tr(loc, 'dossier.pdf.noChromium', { bin }) });
      const pdf = await htmlToPdf(dossierHtml(await dossierModel(src, found, loc)));
      const encoded = encodeURIComponent(`${tr(loc, 'dossier.sheet.title')}-${found.id}.pdf`);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="case-${found.id}.pdf"; filename*=UTF-8''${encoded}`,
        'Cache-Control': 'no-store',
      });
    },
  );

  app.get('/api/dossier/print.js', allow(ANY_ROLE, "The case sheet's print button."), (c) =>
    c.body(PRINT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }),
  );
  return app;
}
