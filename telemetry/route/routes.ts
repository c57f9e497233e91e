/**
 * Route compliance over HTTP:
 *   GET /api/reports/compliance?date|from&to&contractor&vehicle&format   daily reports per vehicle and contractor (JSON
 *   or CSV)
 *   GET /api/plans/:id/coverage?vehicle&window                             assigned segments as GeoJSON, covered or
 *   missed
 *   GET /api/route/violations?state                                        open (or recently closed) route violations
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { HttpError } from '../../kernel/http/errors.ts';
import { zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { byContractor, reportsCsv } from './report.ts';
import type { RouteService } from './service.ts';
import type { DayReport } from './day-stats.ts';
import type { DayRange } from './report-store.ts';
import { access, ANY_ROLE } from '../../kernel/http/access.ts';
import { pickLocale } from '../../kernel/messages/catalog.ts';
import { defaultTexts, type Texts } from '../../kernel/messages/texts.ts';
import { msg } from '../../kernel/messages/text.ts';

const allow = access('route');

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const complianceQuery = z
  .strictObject({
    date: day.optional().describe('One local day (plan time zone), YYYY-MM-DD.'),
    from: day.optional().describe('First day (inclusive), YYYY-MM-DD.'),
    to: day.optional().describe('Last day (inclusive), YYYY-MM-DD.'),
    contractor: z.string().max(100).optional().describe('Only this contractor.'),
    vehicle: z.string().max(64).optional().describe('Only this vehicle.'),
    format: z
      .enum(['json', 'csv'])
      .default('json')
      .describe('json (vehicles and contractors) or csv (one row per vehicle and day).'),
  })
  .refine((q) => !(q.date && (q.from || q.to)), { message: 'give either date or from/to', path: ['date'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const coverageQuery = z.strictObject({
  vehicle: z
    .string()
    .max(64)
    .optional()
    .describe('Only this vehicle (default: every vehicle on the plan, best coverage per segment).'),
  window: z
    .enum(['current', 'last'])
    .default('current')
    .describe('The window in progress, or the last one that ended.'),
});

export const violationsQuery = z.strictObject({
  state: z.enum(['open', 'recent']).default('open').describe('Open violations, or the last 1000 closed ones.'),
});

/**
 * GET /api/reports/compliance over any source of day reports: the route service (saved and live days), or on a core
 * node of a cluster the days the telemetry nodes saved in the shared database.
 */
export function complianceRoutes(reports: (range: DayRange) => DayReport[]): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/reports/compliance',
    allow(
      ['admin', 'operator', 'regulator'],
      'Daily route-compliance reports per vehicle and contractor (JSON or CSV).',
    ),
    zv('query', complianceQuery),
    (c) => {
      const q = c.req.valid('query');
      const [from, to] = q.date ? [q.date, q.date] : [q.from ?? '0000-00-00', q.to ?? '9999-99-99'];
      const days = reports({ from, to, ...(q.vehicle ? { vehicleId: q.vehicle } : {}) })
        .filter((d) => !q.contractor || d.contractor === q.contractor)
        .sort((a, b) => a.day.localeCompare(b.day) || a.vehicleId.localeCompare(b.vehicleId));
      if (q.format === 'csv') {
        return c.body(reportsCsv(days), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="route-compliance.csv"',
        });
      }
      return c.json({ vehicles: days, contractors: byContractor(days) });
    },
  );
  return app;
}

export function routeRoutes(s: RouteService, texts: Texts = defaultTexts): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.route(
    '/',
    complianceRoutes((range) => s.reports(range)),
  );

  app.get(
    '/api/plans/:id/coverage',
    allow(ANY_ROLE, "A plan's assigned street segments as GeoJSON, covered or missed."),
    zv('param', z.strictObject({ id: z.string().min(1).max(64) })),
    zv('query', coverageQuery),
    (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const setup = s.network?.plans.get(id);
      if (!setup) throw new HttpError('not_found', { what: msg('telemetry.what.plan', { id }) });
      const { plan, net } = setup;
      const best = new Map<number, number>();
      const windows = new Set<string>();
      for (const r of s.routes()) {
        if (r.planId !== id || (q.vehicle && r.vehicle.id !== q.vehicle)) continue;
        const cov = r.coverageShares(q.window);
        if (!cov) continue;
        windows.add(cov.key);
        for (const [seg, share] of cov.shares) best.set(seg, Math.max(best.get(seg) ?? 0, share));
      }
      const features = [...plan.assigned].map((seg) => {
        const share = best.get(seg) ?? 0;
        const street = plan.streetOf.get(seg);
        return {
          type: 'Feature' as const,
          properties: {
            segment: net.segIds[seg],
            street: street?.name ?? street?.id ?? null,
            covered: Math.round(share * 1000) / 1000,
            status: share >= 0.5 ? 'covered' : 'missed',
          },
          geometry: { type: 'LineString' as const, coordinates: net.segmentLonLat(seg) },
        };
      });
      return c.json({
        type: 'FeatureCollection',
        properties: { plan: id, windows: [...windows], assignedM: Math.round(plan.assignedM) },
        features,
      });
    },
  );

  app.get(
    '/api/route/violations',
    allow(ANY_ROLE, 'Open (or recently closed) route violations.'),
    zv('query', violationsQuery),
    (c) => {
      const { state } = c.req.valid('query');
      const locale = pickLocale(c.req.header('Accept-Language'), texts.locale);
      const list = state === 'open' ? s.openViolations() : s.recentViolations();
      // each in the reader's language (local times, names); older ones as they were said
      const shown = list.map((v) => (v.text ? { ...v, description: texts.render(v.text, locale) } : v));
      return c.json({ violations: shown });
    },
  );
  return app;
}
