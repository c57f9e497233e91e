/**
 * The admin pages' API, every route `allow(['admin'], …)`: users, units and push channels (read-only configuration),
 * Open311 api keys, the audit log. Mounted in dashboard/api.ts with one line.
 */
import { Hono } from 'hono';
import type { CasesModule } from '../../cases/module.ts';
import { gridHasCell } from '../../kernel/config/grid.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { apiKeysRoutes } from './apikeys-routes.ts';
import type { AuditLog } from './audit.ts';
import { auditRoutes } from './audit-routes.ts';
import { orgRoutes } from './org-routes.ts';
import { usersRoutes } from './users-routes.ts';

export interface AdminDeps {
  readonly cases: CasesModule;
  readonly audit: AuditLog;
  readonly configFile?: string;
}

export function adminRoutes(ctx: AppContext, deps: AdminDeps): Hono<ApiEnv> {
  const { config } = ctx;
  const app = new Hono<ApiEnv>();
  app.route(
    '/',
    usersRoutes({
      users: () => deps.cases.users,
      units: config.cases.units.map((u) => u.id),
      hasCell: (code) => gridHasCell(config.grid, code),
    }),
  );
  app.route(
    '/',
    apiKeysRoutes(() => deps.cases.apiKeys),
  );
  app.route(
    '/',
    orgRoutes({
      config,
      ...(deps.configFile ? { configFile: deps.configFile } : {}),
      users: () => deps.cases.users.list(),
      deliveries: () => deps.cases.deliveries(),
    }),
  );
  app.route(
    '/',
    auditRoutes({
      audit: deps.audit,
      timeZone: config.cases.calendar.timezone,
      locale: config.server.locale,
      names: () => new Map(deps.cases.users.list().flatMap((u) => (u.name ? [[u.username, u.name] as const] : []))),
    }),
  );
  return app;
}
