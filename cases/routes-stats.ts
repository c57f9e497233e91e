/**
 * Statistics with drill-down: `GET /api/cases/stats` (KPIs per 街道, 社区, grid cell, 大类, 小类, unit, contractor or
 * source over a period; JSON, CSV or .xlsx), and the case list's drill-down filter (`figure` over a period), which
 * finds its cases with the same code that counted them.
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { access } from '../kernel/http/access.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { zv } from '../kernel/http/validate.ts';
import { msg } from '../kernel/messages/text.ts';
import type { ApiEnv, Case } from '../kernel/types/index.ts';
import { readerLocale } from './http.ts';
import { loadKpiCases } from './kpi-load.ts';
import type { CasesModule } from './module.ts';
import type { casesQuery } from './schemas.ts';
import { computeStats, DIMENSION_FILTER, figureCaseIds, type StatsFilter } from './stats.ts';
import { type ExportInput, statsCsv, statsXlsx } from './stats-export.ts';
import { rowName } from './stats-labels.ts';
import { statsQuery } from './stats-schemas.ts';

const allow = access('cases');

function badPeriod(field: string, detail: string): HttpError {
  return new HttpError('bad_request', { detail }, [{ field, key: 'validation.custom', params: { field, detail } }]);
}

const pick = (q: Partial<Record<keyof StatsFilter, string>>): StatsFilter =>
  Object.fromEntries(
    (['category', 'grid', 'cell', 'street', 'community', 'unit', 'contractor', 'source'] as const).flatMap((k) =>
      q[k] === undefined ? [] : [[k, q[k]]],
    ),
  ) as StatsFilter;

/**
 * The case list's filter with the drill-down applied: with `figure`, the ids of the cases counted in it (over
 * [periodFrom, periodTo), within the other filters); without, street/community as cell-code prefixes.
 */
type ListQuery = z.infer<typeof casesQuery>;
type Drilled = Omit<ListQuery, 'figure' | 'periodFrom' | 'periodTo' | 'street' | 'community'> & {
  readonly ids?: readonly string[];
};

export function drillFilter(mod: CasesModule, q: ListQuery, c: Context<ApiEnv>): Drilled {
  const say = (key: 'common.fromBeforeTo' | 'stats.error.periodNeeded'): string =>
    mod.service.texts.render(msg(key), readerLocale(mod, c));
  const { figure, periodFrom, periodTo, street, community, ...rest } = q;
  if (figure === undefined) {
    const prefix = community ?? street;
    return prefix === undefined || prefix === '(none)' ? rest : { ...rest, grid: prefix };
  }
  if (periodFrom === undefined || periodTo === undefined)
    throw badPeriod(periodFrom === undefined ? 'query.periodFrom' : 'query.periodTo', say('stats.error.periodNeeded'));
  if (periodFrom >= periodTo) throw badPeriod('query.periodFrom', say('common.fromBeforeTo'));
  const svc = mod.service;
  const period = { from: periodFrom, to: periodTo, now: svc.now() };
  const ids = figureCaseIds(
    loadKpiCases(svc.repo.db, periodFrom, periodTo),
    period,
    figure,
    pick({ ...rest, street, community }),
    svc.catalog.areas,
  );
  return { ...rest, ids };
}

function casesByIds(mod: CasesModule, ids: readonly string[]): Case[] {
  return ids.flatMap((id) => {
    const c = mod.service.get(id);
    return c ? [c] : [];
  });
}

export function statsRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/cases/stats',
    allow(
      ['admin', 'operator', 'regulator'],
      'Statistics: KPIs per 街道, 社区, grid cell, 大类, 小类, unit, contractor or source over a period (JSON, CSV, xlsx).',
    ),
    zv('query', statsQuery),
    async (c) => {
      const q = c.req.valid('query');
      if (q.from >= q.to)
        throw badPeriod('query.from', mod.service.texts.render(msg('common.fromBeforeTo'), readerLocale(mod, c)));
      const svc = mod.service;
      const { catalog } = svc;
      const now = svc.now();
      const filter = pick(q);
      const kpiCases = loadKpiCases(svc.repo.db, q.from, q.to);
      const report = computeStats(
        kpiCases,
        { from: q.from, to: q.to, now },
        q.dimension,
        filter,
        catalog.areas,
        (a, b) => catalog.workingHoursBetween(a, b),
      );
      const rows = report.rows.map((r) => ({
        ...r,
        name: rowName(q.dimension, r.key, q.lang, catalog, catalog.areas),
      }));
      const named = { ...report, rows, drillFilter: DIMENSION_FILTER[q.dimension] };
      if (q.format === 'json') return c.json(named);
      const ids = figureCaseIds(kpiCases, { from: q.from, to: q.to, now }, 'registered', filter, catalog.areas);
      const input: ExportInput = {
        report: named,
        cases: casesByIds(mod, ids).sort((a, b) => a.createdAt - b.createdAt),
        lang: q.lang,
        tz: catalog.timezone,
        catalog,
        areas: catalog.areas,
        now,
      };
      const name = `case-stats-${q.dimension}`;
      if (q.format === 'csv') {
        return c.body(statsCsv(input), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}.csv"`,
        });
      }
      const xlsx = await statsXlsx(input);
      return c.body(new Uint8Array(xlsx), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${name}.xlsx"`,
      });
    },
  );
  return app;
}
