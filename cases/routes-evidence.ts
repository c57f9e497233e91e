/** Case evidence over HTTP: download one item of a case the user may see; upload feedback photos (反馈照片). */
import { Hono } from 'hono';
import type { BodyLimitRule } from '../kernel/http/body-limit.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { ONE_DAY, sendFile } from '../kernel/http/send-file.ts';
import { zv } from '../kernel/http/validate.ts';
import type { ApiEnv } from '../kernel/types/index.ts';
import { actorOf } from './access.ts';
import type { CasesModule } from './module.ts';
import { OPEN_STATUSES } from './rules.ts';
import { userOf, visibleCase } from './http.ts';
import { caseParam, evidenceParam } from './schemas.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('cases');

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTO = 10 * 1024 * 1024;
/** The photo upload's body limit (the server's default is smaller): the photo plus room for the multipart framing. */
export const PHOTO_BODY_LIMIT: BodyLimitRule = {
  method: 'POST',
  path: /^\/api\/cases\/[^/]+\/photos$/,
  maxBytes: MAX_PHOTO + 64 * 1024,
};

function photoIssue(detail: string): HttpError {
  return new HttpError('bad_request', { detail }, [
    { field: 'body.photo', key: 'validation.custom', params: { field: 'body.photo', detail } },
  ]);
}

export function evidenceRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get(
    '/api/cases/:id/evidence/:n',
    allow(ANY_ROLE, 'One evidence file of a case the user may see.'),
    zv('param', evidenceParam),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const found = visibleCase(mod, userOf(c), id);
      const ev = found.evidence[n];
      const what = `evidence ${n} of case ${id}`;
      const file = ev && mod.evidence.resolve(ev.path);
      if (!ev || !file) throw new HttpError('not_found', { what });
      // Index n of a case may later name another file (refreshed evidence): cached for a day, not as immutable.
      return sendFile(c, file, { mime: ev.mime, cacheControl: ONE_DAY, sha256: ev.sha256, what });
    },
  );

  app.post(
    '/api/cases/:id/photos',
    allow(['admin', 'operator', 'handler'], 'Upload a feedback photo (multipart/form-data field "photo").'),
    zv('param', caseParam),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const found = visibleCase(mod, user, id);
      if (!OPEN_STATUSES.includes(found.status))
        throw new HttpError('conflict', { detail: `case ${id} is ${found.status}` });
      if (user.role === 'regulator') throw new HttpError('forbidden');
      const type = c.req.header('Content-Type') ?? '';
      if (!type.startsWith('multipart/form-data')) throw photoIssue('send multipart/form-data with a "photo" file');
      // a malformed or cut-off multipart body is the client's fault (400; over the body limit it becomes 413)
      const body = await c.req.parseBody().catch(() => {
        throw photoIssue('not a readable multipart/form-data body');
      });
      const photo = body.photo;
      if (!(photo instanceof File)) throw photoIssue('a "photo" file is required');
      if (!PHOTO_TYPES.includes(photo.type))
        throw photoIssue(`must be ${PHOTO_TYPES.join(', ')} (got "${photo.type}")`);
      if (photo.size === 0 || photo.size > MAX_PHOTO) throw photoIssue('must be 1 byte to 10 MB');
      const ev = await mod.evidence.put(Buffer.from(await photo.arrayBuffer()), 'photo', photo.type, mod.service.now());
      const note =
        typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : 'photo uploaded';
      const updated = mod.service.attach(id, { evidence: [ev], note }, actorOf(user));
      return c.json(
        { evidence: ev, index: updated!.evidence.findIndex((e) => e.sha256 === ev.sha256 && e.kind === 'photo') },
        201,
      );
    },
  );

  return app;
}
