/**
 * Playback (回放) over HTTP, with the evidence route's access rules: admin, operator and regulator may play back any
 * recorded camera; a handler only around their own unit's cases on it, an inspector around the cases of their grid
 * cells (anything else: 403). Spans are served as one
 * MP4 made on demand from the segments (ffmpeg concat, video copied) with byte ranges; export puts a span into the
 * evidence store, attached to a case when one is named. Cameras recorded by an NVR get their playback URL instead.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  type CameraWindows,
  type CaseMark,
  type CaseScope,
  HANDLER_MARGIN_MS,
  type TimeWindow,
} from '../cases/camera-windows.ts';
import { actorOf } from '../cases/access.ts';
import { userOf, visibleCase } from '../cases/http.ts';
import type { CasesModule } from '../cases/module.ts';
import { fillPlaybackUrl } from '../ingest/recording/playback-url.ts';
import { MAX_SPAN_MS, type Recorder } from '../ingest/recording/recorder.ts';
import { recordingOf } from '../kernel/config/recording.ts';
import type { CameraConfig } from '../kernel/config/schema.ts';
import type { AppContext } from '../kernel/context.ts';
import { GridwatchError } from '../kernel/errors.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { sendFile } from '../kernel/http/send-file.ts';
import { zv } from '../kernel/http/validate.ts';
import type { ApiEnv, SessionUser } from '../kernel/types/index.ts';
import { msg, ref } from '../kernel/messages/text.ts';

export interface PlaybackParts {
  readonly recorder: Recorder;
  /** Hits and cases as time windows (after the store has started). */
  readonly windows: () => CameraWindows;
  readonly cases: CasesModule;
}

const allow = access('recordings');
const cameraParam = z.strictObject({ camera: z.string().min(1).max(64).describe('Camera id.') });
const epoch = z.coerce.number().int().min(0).max(8_640_000_000_000);
const spanQuery = z
  .strictObject({ from: epoch.describe('Start, epoch ms.'), to: epoch.describe('End, epoch ms.') })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] });
const videoQuery = spanQuery.refine((q) => q.to - q.from <= MAX_SPAN_MS, {
  message: 'a span is at most 60 minutes',
  path: ['to'],
});
const exportBody = z
  .strictObject({
    from: epoch.describe('Start, epoch ms.'),
    to: epoch.describe('End, epoch ms.'),
    caseId: z.string().min(1).max(64).optional().describe('Attach the MP4 to this case as evidence.'),
  })
  .refine((q) => q.to > q.from && q.to - q.from <= MAX_SPAN_MS, {
    message: 'to must be after from, at most 60 minutes later',
    path: ['to'],
  });

/** Cameras that have playback: recorded beyond the ring, or recorded by an NVR (playbackUrl). */
function playable(ctx: AppContext, recorder: Recorder): CameraConfig[] {
  return ctx.config.cameras.filter((c) => recorder.cameras.has(c.id) || recordingOf(c.record)?.playbackUrl);
}

function cameraOf(ctx: AppContext, recorder: Recorder, id: string): CameraConfig {
  const cam = playable(ctx, recorder).find((c) => c.id === id);
  if (!cam) throw new HttpError('not_found', { what: msg('common.what.recording', { camera: ref('camera', id) }) });
  return cam;
}

/** A handler's unit or an inspector's grid cells; undefined for the roles that see every camera. */
function scopeOf(user: SessionUser): CaseScope | undefined {
  if (user.role === 'handler') return user.unit ? { unit: user.unit } : { cells: [] };
  if (user.role === 'inspector') return { cells: user.cells ?? [] };
  return undefined;
}

/** Where this user may play the camera back: everywhere (undefined), or the windows around the cases in their scope. */
function allowedWindows(user: SessionUser, windows: CameraWindows, cameraId: string): TimeWindow[] | undefined {
  const scope = scopeOf(user);
  if (!scope) return undefined;
  const ws = windows.scopeWindows(scope, cameraId);
  if (ws.length === 0) throw new HttpError('forbidden');
  return ws;
}

/** Is this case mark in the user's scope? */
function inScope(user: SessionUser, k: CaseMark): boolean {
  const scope = scopeOf(user);
  if (!scope) return true;
  return 'unit' in scope ? k.unitId === scope.unit : k.gridCell !== undefined && scope.cells.includes(k.gridCell);
}

function requireInside(allowed: TimeWindow[] | undefined, from: number, to: number): void {
  if (allowed && !allowed.some((w) => w.from <= from && to <= w.to)) throw new HttpError('forbidden');
}

function asHttp(err: unknown): never {
  if (err instanceof GridwatchError && err.code === 'clip_unavailable') {
    throw new HttpError('not_found', { what: err.message });
  }
  if (err instanceof GridwatchError && err.code === 'bad_request') throw new HttpError('bad_request', {});
  throw err;
}

export function playbackRoutes(ctx: AppContext, parts: PlaybackParts): Hono<ApiEnv> {
  const { recorder } = parts;
  const app = new Hono<ApiEnv>();

  app.get('/api/recordings', allow(ANY_ROLE, 'Cameras with playback and their recording health.'), (c) => {
    const user = userOf(c);
    const scope = scopeOf(user);
    const mine = scope ? new Set(parts.windows().scopeCameras(scope)) : undefined;
    const cameras = playable(ctx, recorder)
      .filter((cam) => !mine || mine.has(cam.id))
      .map((cam) => {
        const rec = recordingOf(cam.record);
        return {
          id: cam.id,
          name: cam.name ?? cam.id,
          mode: rec?.mode ?? 'off',
          external: !recorder.cameras.has(cam.id),
          health: recorder.recordingHealth(cam.id) ?? null,
        };
      });
    return c.json({ cameras, now: ctx.clock.now(), handlerMarginMs: HANDLER_MARGIN_MS });
  });

  app.get(
    '/api/recordings/:camera',
    allow(ANY_ROLE, "A camera's recorded spans, hits and cases in [from, to]; a handler only around their cases."),
    zv('param', cameraParam),
    zv('query', spanQuery),
    (c) => {
      const user = userOf(c);
      const { camera } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const cam = cameraOf(ctx, recorder, camera);
      const windows = parts.windows();
      const allowed = allowedWindows(user, windows, camera);
      const inside = <T>(items: T[], at: (x: T) => TimeWindow): T[] =>
        allowed ? items.filter((x) => allowed.some((w) => at(x).from < w.to && at(x).to > w.from)) : items;
      const rec = recordingOf(cam.record);
      const spans = recorder.cameras.has(camera) ? recorder.spans(camera, from, to) : [];
      const clipped = allowed
        ? spans.flatMap((s) =>
            allowed
              .map((w) => ({ start: Math.max(s.start, w.from), end: Math.min(s.end, w.to) }))
              .filter((x) => x.end > x.start),
          )
        : spans;
      const cases = windows.caseMarks(camera, from, to).filter((k) => inScope(user, k));
      return c.json({
        camera: { id: cam.id, name: cam.name ?? cam.id, mode: rec?.mode ?? 'off' },
        from,
        to,
        spans: clipped,
        hits: inside(windows.hitMarks(camera, from, to), (h) => ({ from: h.start, to: h.end })),
        cases,
        allowed: allowed ?? null,
        health: recorder.recordingHealth(camera) ?? null,
        playbackUrl: rec?.playbackUrl ? fillPlaybackUrl(rec.playbackUrl, camera, from, to) : null,
      });
    },
  );

  app.get(
    '/api/recordings/:camera/video',
    allow(ANY_ROLE, 'MP4 of a recorded span (≤ 60 min, video copied), with byte ranges.'),
    zv('param', cameraParam),
    zv('query', videoQuery),
    async (c) => {
      const user = userOf(c);
      const { camera } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      cameraOf(ctx, recorder, camera);
      requireInside(allowedWindows(user, parts.windows(), camera), from, to);
      const file = await recorder.spanVideo(camera, from, to).catch(asHttp);
      return sendFile(c, file, { mime: 'video/mp4', cacheControl: 'private, max-age=600', what: 'recording' });
    },
  );

  app.post(
    '/api/recordings/:camera/export',
    allow(['admin', 'operator', 'handler'], 'Export a span as an MP4 into the evidence store, attached to a case.'),
    zv('param', cameraParam),
    zv('json', exportBody),
    async (c) => {
      const user = userOf(c);
      const { camera } = c.req.valid('param');
      const { from, to, caseId } = c.req.valid('json');
      cameraOf(ctx, recorder, camera);
      requireInside(allowedWindows(user, parts.windows(), camera), from, to);
      // a handler's export goes to one of their cases (evidence not on a case of theirs is not theirs to fetch)
      if (user.role === 'handler' && !caseId) throw new HttpError('forbidden');
      const found = caseId ? visibleCase(parts.cases, user, caseId) : undefined;
      const out = path.join(ctx.dataDir, 'playback', `export-${camera}-${from}-${to}-${Date.now()}.mp4`);
      try {
        await recorder.cut(camera, from, to, out).catch(asHttp);
        const ev = await parts.cases.evidence.putFile(out, 'clip', 'video/mp4', ctx.clock.now());
        if (found) {
          const note = `回放导出 ${camera} ${new Date(from).toISOString()}–${new Date(to).toISOString()}`;
          parts.cases.service.attach(found.id, { evidence: [ev], note }, actorOf(user));
        }
        return c.json({ evidence: ev, url: `/api/evidence/${ev.sha256}`, caseId: found?.id ?? null }, 201);
      } finally {
        rmSync(out, { force: true });
      }
    },
  );
  return app;
}
