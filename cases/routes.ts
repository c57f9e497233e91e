/**
 * Internal REST for the dashboard: list/filter/paginate, detail with timeline, create, transitions (checked again by
 * the state machine), KPIs (JSON/CSV). Evidence and photos are in routes-evidence.ts. The dashboard's guard sets the
 * user and enforces the coarse route → roles table; the finer rules (state, own unit) are enforced here.
 */
import { Hono } from 'hono';
import { HttpError } from '../kernel/http/errors.ts';
import { zv } from '../kernel/http/validate.ts';
import type { ApiEnv } from '../kernel/types/index.ts';
import { actorOf, allowedActions } from './access.ts';
import { checkSeen } from './conflict.ts';
import { idempotent } from './idempotency.ts';
import { caseFor, readerLocale, refusalError, timelineFor, userOf, visibleCase } from './http.ts';
import { computeKpis } from './kpi.ts';
import { kpiCsv } from './kpi-csv.ts';
import { loadKpiCases } from './kpi-load.ts';
import { listCases } from './list.ts';
import { drillFilter } from './routes-stats.ts';
import type { CasesModule } from './module.ts';
import { evidenceRoutes } from './routes-evidence.ts';
import { actionBody, actionParam, caseParam, casesQuery, createBody, kpiQuery } from './schemas.ts';
import { access, ANY_ROLE, ROOM } from '../kernel/http/access.ts';
import { msg } from '../kernel/messages/text.ts';

const allow = access('cases');

const DAY = 86_400_000;

export function casesRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const once = idempotent(
    () => mod.service.repo.db,
    () => mod.service.now(),
    () => mod.service.texts,
  );

  app.get(
    '/api/cases',
    allow(ANY_ROLE, 'Cases, filtered and paginated (a handler sees only their unit, an inspector their cells).'),
    zv('query', casesQuery),
    (c) => {
      const user = userOf(c);
      const q = c.req.valid('query');
      const filter = {
        ...drillFilter(mod, q, c),
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        unit: user.role === 'handler' ? (user.unit ?? '\u0000') : q.unit,
        ...(user.role === 'inspector' ? { cells: user.cells ?? [] } : {}),
      };
      const list = listCases(mod.service.repo.db, filter, mod.service.now(), mod.searchNames);
      const locale = readerLocale(mod, c);
      return c.json({ ...list, items: list.items.map((k) => caseFor(mod.service.texts, k, locale)) });
    },
  );

  app.post('/api/cases', allow(ROOM, 'Report a case by hand (inspector, hotline).'), zv('json', createBody), (c) => {
    const user = userOf(c);
    const wait = mod.limits.createPerUser.take(user.username);
    if (wait > 0) throw new HttpError('rate_limited', { seconds: wait }, [], { 'Retry-After': String(wait) });
    const b = c.req.valid('json');
    const input = {
      source: b.source,
      category: b.category,
      description: b.description,
      ...(b.lat !== undefined ? { location: { lat: b.lat, lon: b.lon! } } : {}),
      address: b.address,
    };
    const created = mod.service.create(input, actorOf(user));
    return c.json({ case: caseFor(mod.service.texts, created, readerLocale(mod, c)) }, 201);
  });

  app.get(
    '/api/cases/kpi',
    allow(
      ['admin', 'operator', 'regulator'],
      'KPIs over a period per unit, grid, category and contractor (JSON or CSV).',
    ),
    zv('query', kpiQuery),
    (c) => {
      const q = c.req.valid('query');
      const now = mod.service.now();
      const to = q.to ?? now;
      const from = q.from ?? to - 30 * DAY;
      if (from >= to) {
        const detail = mod.service.texts.render(msg('common.fromBeforeTo'), readerLocale(mod, c));
        throw new HttpError('bad_request', { detail }, [
          { field: 'query.from', key: 'validation.custom', params: { field: 'query.from', detail } },
        ]);
      }
      const svc = mod.service;
      const report = computeKpis(loadKpiCases(svc.repo.db, from, to), { from, to, now }, (a, b) =>
        svc.catalog.workingHoursBetween(a, b),
      );
      if (q.format === 'csv') {
        return c.body(kpiCsv(report), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="case-kpi.csv"',
        });
      }
      return c.json(report);
    },
  );

  app.get(
    '/api/cases/:id',
    allow(ANY_ROLE, 'A case with its audit timeline and the actions the user may take now.'),
    zv('param', caseParam),
    (c) => {
      const user = userOf(c);
      const found = visibleCase(mod, user, c.req.valid('param').id);
      const { texts } = mod.service;
      const locale = readerLocale(mod, c);
      return c.json({
        case: caseFor(texts, found, locale),
        timeline: timelineFor(texts, mod.service.timeline(found.id), locale),
        actions: allowedActions(found, actorOf(user)),
      });
    },
  );

  app.post(
    '/api/cases/:id/actions/:action',
    allow(
      ANY_ROLE,
      'A transition (register, dispatch, accept, handle, verify, rework, extension, return, suspend, evaluate…); ' +
        'optional Idempotency-Key header, `seen` for a 409 when the case changed meanwhile.',
    ),
    once,
    zv('param', actionParam),
    zv('json', actionBody),
    (c) => {
      const user = userOf(c);
      const { id, action } = c.req.valid('param');
      const { seen, ...input } = c.req.valid('json');
      checkSeen(mod, user, visibleCase(mod, user, id), seen, readerLocale(mod, c));
      const out = mod.service.act(id, { action, ...input }, actorOf(user));
      const locale = readerLocale(mod, c);
      if (!out.ok) throw refusalError(out, mod.service.texts, locale);
      const shown = caseFor(mod.service.texts, out.case, locale);
      return c.json({ case: shown, actions: allowedActions(out.case, actorOf(user)) });
    },
  );

  app.route('/', evidenceRoutes(mod, once));
  return app;
}
