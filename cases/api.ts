/** Everything the cases module serves over HTTP, for the one mount line in dashboard/api.ts. */
import { Hono } from 'hono';
import type { ApiEnv } from '../kernel/types/index.ts';
import type { CasesModule } from './module.ts';
import { open311Routes } from './open311.ts';
import { casesRoutes } from './routes.ts';
import { statsRoutes } from './routes-stats.ts';
import { inboxRoutes } from './inbox/routes.ts';
import { inspectorBodyLimit } from './inspector/form.ts';
import { inspectorRoutes } from './inspector/routes.ts';
import { verdictRoutes } from './verdicts/routes.ts';
import type { BodyLimitRule } from '../kernel/http/body-limit.ts';
import type { Config } from '../kernel/config/schema.ts';
import { photoBodyLimit, photoMaxBytes } from './routes-evidence.ts';

/** Routes of this module allowed a larger body than the server's default (server.maxBodyKb). */
export function caseBodyLimits(config: Config): BodyLimitRule[] {
  const max = photoMaxBytes(config.cases.limits.photoMaxMb);
  return [photoBodyLimit(max), inspectorBodyLimit(max)];
}

/** /api/cases/*, /api/inspector/*, /api/notices (behind the dashboard's guard) and /open311/v2/* (api keys). */
export function caseApis(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.route('/', verdictRoutes(mod));
  app.route('/', statsRoutes(mod));
  app.route('/', casesRoutes(mod));
  app.route('/', inspectorRoutes(mod));
  app.route('/', inboxRoutes(mod));
  app.route('/', open311Routes(mod));
  return app;
}
