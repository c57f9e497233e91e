/**
 * Verdicts and false-alarm masks over HTTP: judge a hit or an automatic case, list hits (suppressed ones too), the
 * precision table, and the masks (see, extend, lift). Roles are declared on each route (`allow`).
 */
import { Hono } from 'hono';
import { HttpError } from '../../kernel/http/errors.ts';
import { zv } from '../../kernel/http/validate.ts';
import { access, ROOM } from '../../kernel/http/access.ts';
import type { ApiEnv } from '../../kernel/types/index.ts';
import { actorOf } from '../access.ts';
import { userOf } from '../http.ts';
import type { CasesModule } from '../module.ts';
import type { Refused } from './service.ts';
import { extendBody, hitsQuery, idParam, liftBody, masksQuery, statsQuery, verdictBody } from './schemas.ts';
import { listHits, verdictStats } from './stats.ts';

const DAY = 86_400_000;
const allow = access('verdicts');
const SUPERVISION = ['admin', 'operator', 'regulator'] as const;

function refusal(out: Refused): HttpError {
  const said = out.text ?? out.message;
  if (out.code === 'bad_request') {
    const field = `body.${out.message.split(':')[0]}`;
    return new HttpError('bad_request', { detail: said }, [
      { field, key: out.text ? 'validation.plain' : 'validation.custom', params: { field, detail: out.message } },
    ]);
  }
  if (out.code === 'not_found') return new HttpError('not_found', { what: said });
  return new HttpError(out.code, { detail: said });
}

export function verdictRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const svc = () => mod.verdicts;

  app.post(
    '/api/hits/:id/verdict',
    allow(ROOM, 'Judge a hit 确认 or 误报; a false alarm ends its case (不予立案/作废) and masks the spot.'),
    zv('param', idParam),
    zv('json', verdictBody),
    (c) => {
      const out = svc().judgeHit(c.req.valid('param').id, c.req.valid('json'), actorOf(userOf(c)));
      if (!out.ok) throw refusal(out);
      return c.json(out);
    },
  );

  app.post(
    '/api/cases/:id/verdict',
    allow(ROOM, 'Judge an automatic case (all its hits) 确认 or 误报 (不予立案 before dispatch, 作废 after).'),
    zv('param', idParam),
    zv('json', verdictBody),
    (c) => {
      const out = svc().judgeCase(c.req.valid('param').id, c.req.valid('json'), actorOf(userOf(c)));
      if (!out.ok) throw refusal(out);
      return c.json(out);
    },
  );

  app.get(
    '/api/cases/:id/verdicts',
    allow(SUPERVISION, 'The verdicts given on a case and its hits (who, when, why).'),
    zv('param', idParam),
    (c) => {
      return c.json({ verdicts: svc().repo.verdictsOfCase(c.req.valid('param').id) });
    },
  );

  app.get(
    '/api/hits',
    allow(ROOM, 'Recorded hits, newest first, with their case and latest verdict (suppressed hits too).'),
    zv('query', hitsQuery),
    (c) => {
      const q = c.req.valid('query');
      const items = listHits(mod.service.repo.db, {
        cameraId: q.camera,
        zoneId: q.zone,
        suppressed: q.suppressed === undefined ? undefined : q.suppressed === 'true',
        since: q.since,
        limit: q.limit,
      });
      return c.json({ items });
    },
  );

  app.get(
    '/api/hits/:id',
    allow(ROOM, 'One recorded hit with its evidence, case and every verdict on it.'),
    zv('param', idParam),
    (c) => {
      const id = c.req.valid('param').id;
      const hit = svc().repo.hit(id);
      if (!hit) throw new HttpError('not_found', { what: `hit ${id}` });
      const caseId = mod.service.repo.caseIdByRef(`hit:${id}`);
      return c.json({ hit, ...(caseId ? { caseId } : {}), verdicts: svc().repo.verdictsOfHit(id) });
    },
  );

  app.get(
    '/api/verdicts/stats',
    allow(SUPERVISION, 'Per camera, zone and rule: confirmed, false, unjudged, suppressed, precision and 误报率.'),
    zv('query', statsQuery),
    (c) => {
      const q = c.req.valid('query');
      const to = q.to ?? mod.service.now();
      const from = q.from ?? to - 30 * DAY;
      return c.json({ from, to, rows: verdictStats(mod.service.repo.db, from, to) });
    },
  );

  app.get('/api/suppressions', allow(ROOM, 'False-alarm masks (in force, or all).'), zv('query', masksQuery), (c) => {
    const q = c.req.valid('query');
    const masks = svc().repo.masks({
      ...(q.camera ? { cameraId: q.camera } : {}),
      ...(q.zone ? { zoneId: q.zone } : {}),
      ...(q.all === 'true' ? {} : { activeAt: mod.service.now() }),
    });
    return c.json({ masks, now: mod.service.now() });
  });

  app.post(
    '/api/suppressions/:id/extend',
    allow(ROOM, 'Extend a false-alarm mask by some days.'),
    zv('param', idParam),
    zv('json', extendBody),
    (c) => {
      const b = c.req.valid('json');
      const out = svc().extendMask(c.req.valid('param').id, b.days, actorOf(userOf(c)), b.reason);
      if (!out.ok) throw refusal(out);
      return c.json(out);
    },
  );

  app.post(
    '/api/suppressions/:id/lift',
    allow(ROOM, 'Lift a false-alarm mask: findings there open cases again.'),
    zv('param', idParam),
    zv('json', liftBody),
    (c) => {
      const out = svc().liftMask(c.req.valid('param').id, actorOf(userOf(c)), c.req.valid('json').reason);
      if (!out.ok) throw refusal(out);
      return c.json(out);
    },
  );

  return app;
}
