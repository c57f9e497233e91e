/**
 * `Idempotency-Key` on case writes (actions, photo uploads): the first successful (2xx) answer to a key is kept per
 * user; the same request sent again with that key (a phone retrying after a lost answer on a flaky link) gets the
 * kept answer, marked `Idempotent-Replayed: true`, and nothing happens twice. The key reused for another route, or
 * sent again while the first request is still running, is a 409. Refusals are not kept: fixing the input and
 * retrying with the same key works. Keys are forgotten after 7 days.
 */
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../kernel/db.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { pickLocale } from '../kernel/messages/catalog.ts';
import { msg, type Text } from '../kernel/messages/text.ts';
import type { Texts } from '../kernel/messages/texts.ts';
import type { ApiEnv } from '../kernel/types/index.ts';
import { userOf } from './http.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const KEEP_MS = 7 * 86_400_000;

export const idempotencyMigration = {
  id: 'cases-003-idempotency',
  sql: `
CREATE TABLE idempotency_keys (
  username TEXT NOT NULL,
  key TEXT NOT NULL,
  scope TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (username, key)
);
CREATE INDEX idempotency_keys_at ON idempotency_keys (at);
`,
};

interface Kept {
  readonly scope: string;
  readonly status: number;
  readonly body: string;
}

/** `db` is asked for on the first request with a key (the routes are built before the store is open). */
export function idempotent(db: () => Db, now: () => number, texts: () => Texts): MiddlewareHandler<ApiEnv> {
  const running = new Set<string>();
  let q: ReturnType<typeof statements> | undefined;
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    const say = (t: Text): string => texts().render(t, pickLocale(c.req.header('Accept-Language'), texts().locale));
    const field = `header.${IDEMPOTENCY_HEADER}`;
    if (!KEY.test(key)) {
      const detail = say(msg('cases.idem.badKey'));
      throw new HttpError('bad_request', { detail }, [{ field, key: 'validation.plain', params: { field, detail } }]);
    }
    const user = userOf(c).username;
    const scope = `${c.req.method} ${c.req.path}`;
    q ??= statements(db());
    const kept = q.find.get(user, key);
    if (kept && kept.scope !== scope) throw new HttpError('conflict', { detail: say(msg('cases.idem.otherRequest')) });
    if (kept)
      return c.body(kept.body, kept.status as 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Idempotent-Replayed': 'true',
      });
    const slot = `${user}\u0000${key}`;
    if (running.has(slot)) throw new HttpError('conflict', { detail: say(msg('cases.idem.running')) });
    running.add(slot);
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const body = await c.res.clone().text();
        q.purge.run(now() - KEEP_MS);
        q.keep.run(user, key, scope, c.res.status, body, now());
      }
    } finally {
      running.delete(slot);
    }
  };
}

function statements(db: Db) {
  return {
    find: db.prepare<Kept>('SELECT scope, status, body FROM idempotency_keys WHERE username = ? AND key = ?'),
    keep: db.prepare(
      'INSERT INTO idempotency_keys (username, key, scope, status, body, at) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (username, key) DO UPDATE SET scope = excluded.scope, status = excluded.status, ' +
        'body = excluded.body, at = excluded.at',
    ),
    purge: db.prepare('DELETE FROM idempotency_keys WHERE at < ?'),
  };
}
