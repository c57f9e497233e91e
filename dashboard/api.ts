/** The REST API: one Hono app; each capability mounts its routes here. */
import { Hono } from 'hono';
import type { AppContext } from '../kernel/context.ts';
import type { Component } from '../kernel/component.ts';
import { healthReport } from '../kernel/health.ts';
import { VERSION } from '../kernel/version.ts';

export function createApi(ctx: AppContext, components: () => readonly Component[]): Hono {
  const app = new Hono();
  app.get('/api/health', (c) => {
    const report = healthReport(components(), VERSION, ctx.startedAt, ctx.clock.now());
    return c.json(report, report.status === 'down' ? 503 : 200);
  });
  app.onError((err, c) => {
    ctx.log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  });
  return app;
}
