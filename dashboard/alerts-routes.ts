/** Alerts for the monitoring room: list recent ones, acknowledge one. */
import { Hono } from 'hono';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { AlertCenter } from './alerts.ts';
import { notFound } from '../kernel/http/errors.ts';
import { alertsQuery, idParam } from './schemas.ts';
import { zv } from '../kernel/http/validate.ts';
import { access, ROOM } from '../kernel/http/access.ts';

const allow = access('dashboard');

export function alertsRoutes(alerts: AlertCenter): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/api/alerts', allow(ROOM, 'Recent alerts, newest first.'), zv('query', alertsQuery), (c) => {
    const q = c.req.valid('query');
    return c.json(
      alerts.list({
        limit: q.limit,
        ...(q.since !== undefined ? { since: q.since } : {}),
        unacked: q.unacked === 'true',
      }),
    );
  });
  app.post('/api/alerts/:id/ack', allow(ROOM, 'Acknowledge an alert.'), zv('param', idParam), (c) => {
    const alert = alerts.ack(c.req.valid('param').id, c.get('user').username);
    if (!alert) throw notFound(`alert ${c.req.valid('param').id}`);
    return c.json(alert);
  });
  return app;
}
