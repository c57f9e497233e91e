/** The logged-in user's in-app notices (站内通知): the list with the unread count, and marking them read. */
import { Hono } from 'hono';
import { z } from 'zod';
import { access, ANY_ROLE } from '../../kernel/http/access.ts';
import { intString } from '../../kernel/http/strict.ts';
import { zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/index.ts';
import { userOf } from '../http.ts';
import type { CasesModule } from '../module.ts';

const allow = access('notices');

export const noticesQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('"true": unread notices only.'),
  limit: intString(1, 200).default(50).describe('At most this many, newest first.'),
});

export const readBody = z.strictObject({
  ids: z
    .array(z.number().int().positive())
    .max(500)
    .optional()
    .describe('Notices to mark read; every unread notice of the user when omitted.'),
});

export function inboxRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get(
    '/api/notices',
    allow(ANY_ROLE, 'My notices (newest first) and how many are unread.'),
    zv('query', noticesQuery),
    (c) => {
      const user = userOf(c);
      const q = c.req.valid('query');
      const notices = mod.inbox.list(user.username, { unreadOnly: q.unread === 'true', limit: q.limit });
      return c.json({ notices, unread: mod.inbox.unread(user.username) });
    },
  );

  app.post(
    '/api/notices/read',
    allow(ANY_ROLE, 'Mark some of my notices read (or all of them).'),
    zv('json', readBody),
    (c) => {
      const user = userOf(c);
      const changed = mod.inbox.markRead(user.username, c.req.valid('json').ids, mod.service.now());
      return c.json({ changed, unread: mod.inbox.unread(user.username) });
    },
  );

  return app;
}
