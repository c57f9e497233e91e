/**
 * Case evidence over HTTP: download one item of a case the user may see; upload feedback photos (反馈照片), checked
 * by their bytes (photos.ts), stored once per content (a second upload of the same photo answers 200 with the one
 * already attached), with the phone's capture time and position when given.
 */
import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { BodyLimitRule } from '../kernel/http/body-limit.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { ONE_DAY, sendFile } from '../kernel/http/send-file.ts';
import { zv } from '../kernel/http/validate.ts';
import { msg, type Text } from '../kernel/messages/text.ts';
import type { ApiEnv, Evidence } from '../kernel/types/index.ts';
import { actorOf } from './access.ts';
import { checkSeen } from './conflict.ts';
import type { CasesModule } from './module.ts';
import { checkPhoto } from './photos.ts';
import { OPEN_STATUSES } from './rules.ts';
import { readerLocale, userOf, visibleCase } from './http.ts';
import { STATUS_TEXT } from './machine.ts';
import { caseParam, evidenceParam } from './schemas.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('cases');

export const photoMaxBytes = (mb: number): number => Math.round(mb * 1024 * 1024);
/** The photo upload's body limit (the server's default is smaller): the photo plus room for the multipart framing. */
export function photoBodyLimit(maxPhotoBytes: number): BodyLimitRule {
  return { method: 'POST', path: /^\/api\/cases\/[^/]+\/photos$/, maxBytes: maxPhotoBytes + 64 * 1024 };
}

/** Renders a message in the reader's language. */
type Say = (text: Text) => string;

function photoIssue(detail: string, field = 'body.photo'): HttpError {
  return new HttpError('bad_request', { detail }, [{ field, key: 'validation.plain', params: { field, detail } }]);
}

type Form = Record<string, string | File | (string | File)[]>;

/** An optional number field of the form, within [min, max], or a 400 naming it. */
function numberField(say: Say, body: Form, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'string' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max)
    throw photoIssue(say(msg('cases.photo.number', { min, max })), `body.${name}`);
  return n;
}

/** Capture time and position sent with the photo (multipart fields takenAt, lat, lon, accuracy). */
function whereAndWhen(say: Say, body: Form): Pick<Evidence, 'takenAt' | 'position'> {
  const takenAt = numberField(say, body, 'takenAt', 0, 8.64e15);
  const lat = numberField(say, body, 'lat', -90, 90);
  const lon = numberField(say, body, 'lon', -180, 180);
  const accuracyM = numberField(say, body, 'accuracy', 0, 1e6);
  if ((lat === undefined) !== (lon === undefined)) throw photoIssue(say(msg('cases.photo.latLon')), 'body.lat');
  return {
    ...(takenAt !== undefined ? { takenAt } : {}),
    ...(lat !== undefined && lon !== undefined
      ? { position: { lat, lon, ...(accuracyM !== undefined ? { accuracyM } : {}) } }
      : {}),
  };
}

export function evidenceRoutes(mod: CasesModule, once: MiddlewareHandler<ApiEnv>): Hono<ApiEnv> {
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
    allow(
      ['admin', 'operator', 'handler'],
      'Upload a feedback photo (multipart/form-data: "photo" file; optional note, takenAt, lat, lon, accuracy, ' +
        'seen; optional Idempotency-Key header). The same photo again answers 200 with the one already attached.',
    ),
    once,
    zv('param', caseParam),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const found = visibleCase(mod, user, id);
      const locale = readerLocale(mod, c);
      const say: Say = (text) => mod.service.texts.render(text, locale);
      if (!OPEN_STATUSES.includes(found.status))
        throw new HttpError('conflict', {
          detail: say(msg('cases.photo.closed', { id, status: STATUS_TEXT[found.status] })),
        });
      if (user.role === 'regulator') throw new HttpError('forbidden');
      const type = c.req.header('Content-Type') ?? '';
      if (!type.startsWith('multipart/form-data')) throw photoIssue(say(msg('cases.photo.multipart')));
      // a malformed or cut-off multipart body is the client's fault (400; over the body limit it becomes 413)
      const body: Form = await c.req.parseBody().catch(() => {
        throw photoIssue(say(msg('cases.photo.unreadable')));
      });
      const photo = body.photo;
      if (!(photo instanceof File)) throw photoIssue(say(msg('cases.photo.required')));
      const data = Buffer.from(await photo.arrayBuffer());
      const checked = await checkPhoto(data, photo.type, mod.photoMaxBytes);
      if (!checked.ok)
        throw checked.problem === 'too_large'
          ? new HttpError('too_large', { max: `${(mod.photoMaxBytes / 1048576).toFixed(1)} MB` }, [
              {
                field: 'body.photo',
                key: 'validation.plain',
                params: { field: 'body.photo', detail: say(checked.text) },
              },
            ])
          : photoIssue(say(checked.text));
      const meta = whereAndWhen(say, body);
      // checked again after the awaits above: the case may have changed while the photo was read
      const now = visibleCase(mod, user, id);
      checkSeen(mod, user, now, numberField(say, body, 'seen', 0, 8.64e15), locale);
      const sha256 = createHash('sha256').update(data).digest('hex');
      const have = now.evidence.findIndex((e) => e.kind === 'photo' && e.sha256 === sha256);
      if (have >= 0)
        return c.json({ evidence: now.evidence[have], index: have, updatedAt: now.updatedAt, duplicate: true });
      const stored = await mod.evidence.put(data, 'photo', checked.mime, mod.service.now());
      const ev: Evidence = { ...stored, ...meta };
      const note =
        typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : msg('cases.note.photo');
      const updated = mod.service.attach(id, { evidence: [ev], note }, actorOf(user));
      return c.json(
        {
          evidence: ev,
          index: updated!.evidence.findIndex((e) => e.sha256 === ev.sha256 && e.kind === 'photo'),
          updatedAt: updated!.updatedAt,
          duplicate: false,
        },
        201,
      );
    },
  );

  return app;
}
