/**
 * The HTTP app: one Hono app. Order: error handling → request metrics → the guard (session, role from
 * dashboard/access-table.ts, CSRF) on /api/* and /metrics → routes → the built UI.
 *
 * Each capability mounts its routes below with ONE line, `app.route('/', xyzRoutes(service))`, getting its running
 * component with `find(Class)`, and adds one line per route to dashboard/access-table.ts (a route missing there is
 * refused for everybody, and the table-driven test fails).
 */
import { Hono } from 'hono';
import { caseApis } from '../cases/api.ts';
import { CameraManager } from '../ingest/manager.ts';
import { MediaServer } from '../ingest/media-server.ts';
import { cameraRoutes } from '../ingest/routes.ts';
import { CasesModule } from '../cases/module.ts';
import type { AppContext } from '../kernel/context.ts';
import type { Component } from '../kernel/component.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import { healthReport } from '../kernel/health.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { VERSION } from '../kernel/version.ts';
import { Dashboard } from './dashboard.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { evidenceRoutes } from './evidence-route.ts';
import { requestMetrics } from './metrics.ts';
import { staticRoutes } from './static.ts';
import { telemetryRoutes } from '../telemetry/routes.ts';
import { TelemetryService } from '../telemetry/service.ts';
import { routeRoutes } from '../telemetry/route/routes.ts';
import { RouteService } from '../telemetry/route/service.ts';

type ComponentClass<T> = abstract new (...args: never[]) => T;

export function createApi(ctx: AppContext, components: () => readonly Component[]): Hono<ApiEnv> {
  /** The running component of a class, for mounting its routes. */
  const find = <T extends Component>(cls: ComponentClass<T>): T | undefined =>
    components().find((c): c is T => c instanceof cls);
  const dashboard = find(Dashboard);
  if (!dashboard) throw new Error('createApi: the Dashboard component must be created before the HTTP server');

  const app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: ctx.log, locale: ctx.config.server.locale }));
  app.use('*', requestMetrics());
  app.use('/api/*', dashboard.guard());
  app.use('/metrics', dashboard.guard());

  app.get('/api/health', (c) => {
    const report = healthReport(components(), VERSION, ctx.startedAt, ctx.clock.now());
    return c.json(report, report.status === 'down' ? 503 : 200);
  });
  app.route('/', dashboard.routes());

  // ── capabilities mount their routes here, one line each ──
  app.route(
    '/',
    telemetryRoutes(() => find(TelemetryService)),
  );
  app.route(
    '/',
    routeRoutes(() => find(RouteService)),
  );
  app.route('/', caseApis(find(CasesModule)));
  app.route(
    '/',
    cameraRoutes(
      ctx,
      () => find(CameraManager),
      () => find(MediaServer),
    ),
  );
  app.route(
    '/',
    evidenceRoutes(EvidenceStore.inDataDir(ctx.dataDir), () => find(CasesModule)),
  );

  app.all('/api/*', notFoundHandler(ctx.config.server.locale));
  app.route('/', staticRoutes());
  return app;
}
