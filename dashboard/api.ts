/**
 * The HTTP app: one Hono app. Order: error handling → request metrics → the guard (session, the roles the route
 * declares with `allow(...)`, CSRF) on /api/* and /metrics → routes → the built UI.
 *
 * Each capability mounts its routes below with ONE line, `app.route('/', xyzRoutes(component))`, with its component
 * as app.ts created it. Every route declares who may call it where it is registered (kernel/http/access.ts); one that
 * does not is refused for everybody, and the test walking every route fails.
 */
import { Hono } from 'hono';
import { clusterBodyLimits } from '../cluster/routes.ts';
import { caseApis, caseBodyLimits } from '../cases/api.ts';
import type { CasesModule } from '../cases/module.ts';
import type { CameraManager } from '../ingest/manager.ts';
import type { MediaServer } from '../ingest/media-server.ts';
import { cameraRoutes } from '../ingest/routes.ts';
import type { Component } from '../kernel/component.ts';
import { bodyLimit } from '../kernel/http/body-limit.ts';
import type { AppContext } from '../kernel/context.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import { healthReport } from '../kernel/health.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { VERSION } from '../kernel/version.ts';
import { complianceRoutes, routeRoutes } from '../telemetry/route/routes.ts';
import type { DayReport } from '../telemetry/route/day-stats.ts';
import type { DayRange } from '../telemetry/route/report-store.ts';
import type { RouteService } from '../telemetry/route/service.ts';
import { telemetryRoutes } from '../telemetry/routes.ts';
import type { TelemetryService } from '../telemetry/service.ts';
import type { Dashboard } from './dashboard.ts';
import { auditWrites } from './admin/audit-http.ts';
import { adminRoutes } from './admin/routes.ts';
import { dossierRoutes } from './dossier/routes.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { evidenceRoutes } from './evidence-route.ts';
import { bigscreenRoutes } from './bigscreen-routes.ts';
import { requestMetrics } from './metrics.ts';
import { openApiRoute } from './openapi.ts';
import { type PlaybackParts, playbackRoutes } from './playback-route.ts';
import { securityHeaders } from './security-headers.ts';
import { staticRoutes } from './static.ts';
import { access } from '../kernel/http/access.ts';
import { Texts } from '../kernel/messages/texts.ts';

const allow = access('system');

/** The components whose routes are served, as app.ts created them. */
export interface ApiParts {
  /** Every component (for /api/health), read at each request. */
  readonly components: () => readonly Component[];
  readonly dashboard: Dashboard;
  readonly cases: CasesModule;
  /** telemetry, route, cameras and recordings: absent on a core node (their routes are not served there). */
  readonly telemetry?: TelemetryService;
  readonly route?: RouteService;
  readonly cameras?: CameraManager;
  /** Absent when media.enabled is off. */
  readonly media: MediaServer | undefined;
  /** The configuration file the app was started from (shown on the admin pages). */
  readonly configFile?: string;
  readonly recordings?: PlaybackParts;
  /** A core node: the route-compliance days the telemetry nodes saved in the shared database (no route service). */
  readonly savedReports?: (range: DayRange) => DayReport[];
  /** A core node's cluster routes (evidence uploads, /api/cluster). */
  readonly cluster?: Hono<ApiEnv>;
}

export function createApi(ctx: AppContext, parts: ApiParts): Hono<ApiEnv> {
  const { dashboard } = parts;
  const app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: ctx.log, locale: ctx.config.server.locale, texts: Texts.fromConfig(ctx.config) }));
  app.use('*', securityHeaders({ tls: ctx.config.server.secureCookies }));
  app.use('*', requestMetrics());
  app.use('/api/*', dashboard.guard());
  app.use('/metrics', dashboard.guard());
  // every write of a logged-in user (case actions, admin changes, …) into the audit log, with its answer
  app.use('/api/*', auditWrites(dashboard.audit, ctx.config.server.trustProxy));
  // after the guard: an anonymous body is refused before it is read; uploads have their own limits
  app.use('*', bodyLimit(ctx.config.server.maxBodyKb * 1024, [...caseBodyLimits(ctx.config), ...clusterBodyLimits]));

  app.get('/api/health', allow('public', 'Health of every component.'), (c) => {
    const report = healthReport(parts.components(), VERSION, ctx.startedAt, ctx.clock.now());
    return c.json(report, report.status === 'down' ? 503 : 200);
  });
  app.route('/', dashboard.routes());
  app.route(
    '/',
    openApiRoute(() => app.routes),
  );

  // ── capabilities mount their routes here, one line each ──
  if (parts.telemetry) app.route('/', telemetryRoutes(parts.telemetry));
  if (parts.route) app.route('/', routeRoutes(parts.route, Texts.fromConfig(ctx.config)));
  else if (parts.savedReports) app.route('/', complianceRoutes(parts.savedReports));
  app.route('/', caseApis(parts.cases));
  app.route('/', dossierRoutes(ctx, parts.cases));
  if (parts.cameras) app.route('/', cameraRoutes(ctx, parts.cameras, parts.media));
  app.route('/', bigscreenRoutes({ ...parts, alerts: dashboard.alerts }));
  app.route('/', adminRoutes(ctx, { cases: parts.cases, audit: dashboard.audit, configFile: parts.configFile }));
  if (parts.recordings) app.route('/', playbackRoutes(ctx, parts.recordings));
  if (parts.cluster) app.route('/', parts.cluster);
  app.route(
    '/',
    evidenceRoutes(EvidenceStore.inDataDir(ctx.dataDir), () => parts.cases),
  );

  app.all('/api/*', notFoundHandler(ctx.config.server.locale));
  app.route('/', staticRoutes());
  return app;
}
