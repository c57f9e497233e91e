/**
 * Open311 api keys for the admin: list (never the keys), create (the key is in the answer once and nowhere else;
 * only its SHA-256 is stored), revoke — the ApiKeyStore the `gridwatch apikey` CLI uses.
 */
import { Hono } from 'hono';
import type { ApiKeyStore } from '../../cases/apikeys.ts';
import { access } from '../../kernel/http/access.ts';
import { zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { noteAudit } from './audit-http.ts';
import { apiKeyBody, idParam } from './schemas.ts';

const allow = access('admin');
const ADMIN = ['admin'] as const;

export function apiKeysRoutes(keys: () => ApiKeyStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/api/admin/apikeys', allow(ADMIN, 'Open311 api keys (id, name, created, last used, revoked).'), (c) =>
    c.json({ keys: keys().list() }),
  );

  app.post(
    '/api/admin/apikeys',
    allow(ADMIN, 'Create an Open311 api key; the answer holds the key, the only time it is shown.'),
    zv('json', apiKeyBody),
    (c) => {
      const { name } = c.req.valid('json');
      const created = keys().add(name);
      noteAudit(c, { kind: 'admin', action: 'apikey.add', target: created.id, detail: { name } });
      c.header('Cache-Control', 'no-store');
      return c.json(created, 201);
    },
  );

  app.post('/api/admin/apikeys/:id/revoke', allow(ADMIN, 'Revoke an Open311 api key.'), zv('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    noteAudit(c, { kind: 'admin', action: 'apikey.revoke', target: id });
    keys().revoke(id);
    return c.json({ ok: true });
  });

  return app;
}
