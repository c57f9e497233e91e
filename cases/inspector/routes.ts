/**
 * 城管通 for inspectors (信息采集员): report a problem (上报, source "inspector", merged into an open case of the
 * category nearby like every other source), and the 核查 list of cases in their grid cells waiting for verification,
 * checked on site with photos → 核查结案 (verify) or 返工 (rework). An inspector sees only their cells' cases.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { access } from '../../kernel/http/access.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { strictNumber } from '../../kernel/http/strict.ts';
import { parseOr400, zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/index.ts';
import { actorOf, allowedActions } from '../access.ts';
import { findDuplicate } from '../dedup.ts';
import { idempotent } from '../idempotency.ts';
import { caseFor, readerLocale, refusalError, timelineFor, userOf, visibleCase } from '../http.ts';
import { listCases } from '../list.ts';
import type { CasesModule } from '../module.ts';
import { caseParam } from '../schemas.ts';
import { fieldError, readForm } from './form.ts';
import { photoSides } from './photos-of.ts';

const allow = access('inspector');

const reportFields = z.strictObject({
  category: z.string().regex(/^\d{2}-\d{2}$/, 'must be a category code "MM-NN"'),
  description: z.string().trim().min(1).max(2000),
  lat: strictNumber(-90, 90),
  lon: strictNumber(-180, 180),
  address: z.string().trim().min(1).max(500).optional(),
  /** The phone's id of this report: sending it again (a flaky link) never makes a second case. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or "-"')
    .optional(),
});

const checkFields = z.strictObject({
  decision: z.enum(['verify', 'rework']),
  reason: z.string().trim().min(1).max(2000),
});

export function inspectorRoutes(mod: CasesModule): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const once = idempotent(
    () => mod.service.repo.db,
    () => mod.service.now(),
    () => mod.service.texts,
  );

  app.post(
    '/api/inspector/reports',
    allow(
      ['inspector'],
      'Report a problem (multipart: category, description, lat, lon, address?, clientId?, photo × 0–4); merged ' +
        'into an open case of the category nearby.',
    ),
    async (c) => {
      const user = userOf(c);
      const wait = mod.limits.createPerUser.take(user.username);
      if (wait > 0) throw new HttpError('rate_limited', { seconds: wait }, [], { 'Retry-After': String(wait) });
      const form = await readForm(c, mod.photoMaxBytes);
      const f = parseOr400(reportFields, form.fields, 'body');
      const svc = mod.service;
      const cat = svc.catalog.category(f.category);
      if (!cat) throw fieldError('category', `unknown category "${f.category}"`);
      const ref = `inspector:${f.clientId ?? randomUUID()}`;
      const known = svc.repo.caseIdByRef(ref);
      if (known !== undefined) return c.json({ id: known, merged: false, repeated: true }, 200);
      const now = svc.now();
      const evidence = await Promise.all(form.photos.map((p) => mod.evidence.put(p.data, 'photo', p.mime, now)));
      const location = { lat: f.lat, lon: f.lon };
      const actor = actorOf(user);
      const out = svc.transaction(() => {
        const dup = findDuplicate(
          svc.repo.openCandidates(cat.code, location, cat.dedupMeters),
          { location },
          cat.dedupMeters,
        );
        if (dup) {
          const note = `inspector report merged (${user.username}): ${f.description}`;
          svc.attach(dup.id, { ref, evidence, note }, actor);
          return { id: dup.id, merged: true };
        }
        const input = {
          source: 'inspector' as const,
          category: cat.code,
          description: f.description,
          location,
          ...(f.address ? { address: f.address } : {}),
          evidence,
          refs: [ref],
        };
        return { id: svc.create(input, actor).id, merged: false };
      });
      return c.json({ ...out, repeated: false }, 201);
    },
  );

  app.get(
    '/api/inspector/tasks',
    allow(['inspector'], '核查 tasks: cases in my grid cells waiting for verification, longest waiting first.'),
    (c) => {
      const user = userOf(c);
      const page = listCases(
        mod.service.repo.db,
        { status: ['handled'], cells: user.cells ?? [], pageSize: 200, ascending: true },
        mod.service.now(),
      );
      const locale = readerLocale(mod, c);
      const items = page.items.map((k) => ({
        case: caseFor(mod.service.texts, k, locale),
        photos: photoSides(k, mod.service.timeline(k.id)),
      }));
      return c.json({ items, total: page.total, cells: user.cells ?? [] });
    },
  );

  app.get(
    '/api/inspector/tasks/:id',
    allow(['inspector'], 'One case of my cells with its timeline, before/after photos and my actions.'),
    zv('param', caseParam),
    (c) => {
      const user = userOf(c);
      const found = visibleCase(mod, user, c.req.valid('param').id);
      const timeline = mod.service.timeline(found.id);
      const { texts } = mod.service;
      const locale = readerLocale(mod, c);
      return c.json({
        case: caseFor(texts, found, locale),
        timeline: timelineFor(texts, timeline, locale),
        photos: photoSides(found, timeline),
        actions: allowedActions(found, actorOf(user)),
      });
    },
  );

  app.post(
    '/api/inspector/tasks/:id/check',
    allow(
      ['inspector'],
      '核查 on site (multipart: decision verify|rework, reason, photo × 1–4): photos attached and the case closed ' +
        '(核查结案) or sent back (返工), in one transaction; optional Idempotency-Key header.',
    ),
    once,
    zv('param', caseParam),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      visibleCase(mod, user, id); // 404 outside my cells
      const form = await readForm(c, mod.photoMaxBytes);
      const f = parseOr400(checkFields, form.fields, 'body');
      if (form.photos.length === 0) throw fieldError('photo', 'take at least one photo on site');
      const svc = mod.service;
      const now = svc.now();
      const evidence = await Promise.all(form.photos.map((p) => mod.evidence.put(p.data, 'photo', p.mime, now)));
      const actor = actorOf(user);
      const done = svc.transaction(() => {
        svc.attach(id, { evidence, note: '核查照片 on-site check photos' }, actor);
        const out = svc.act(id, { action: f.decision, reason: f.reason }, actor);
        if (!out.ok) throw refusalError(out, svc.texts, readerLocale(mod, c)); // rolls the photos back too
        return out.case;
      });
      return c.json({ case: caseFor(svc.texts, done, readerLocale(mod, c)), actions: allowedActions(done, actor) });
    },
  );

  return app;
}
