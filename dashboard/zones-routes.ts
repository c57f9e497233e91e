/** The zone editor's API: read zones, replace a camera's zones. */
import { Hono } from 'hono';
import type { ApiEnv } from '../kernel/types/user.ts';
import { idParam, zonesBody, zonesQuery } from './schemas.ts';
import { zv } from '../kernel/http/validate.ts';
import type { ZoneStore } from '../detect/rules/saved-zones.ts';
import { access, ROOM } from '../kernel/http/access.ts';

const allow = access('dashboard');

export function zonesRoutes(zones: ZoneStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/zones',
    allow(ROOM, 'Watched zones (configured, with saved edits applied).'),
    zv('query', zonesQuery),
    (c) => c.json(zones.list(c.req.valid('query').camera)),
  );
  app.put(
    '/api/cameras/:id/zones',
    allow(ROOM, "Replace a camera's zones (zone editor)."),
    zv('param', idParam),
    zv('json', zonesBody),
    (c) => c.json(zones.replace(c.req.valid('param').id, c.req.valid('json').zones, c.get('user').username)),
  );
  return app;
}
