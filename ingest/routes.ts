/**
 * Camera API: every enabled camera with its health and live-view URLs (play tokens bound to the caller's login
 * session), and a JPEG of its latest frame.
 */
import { Hono } from 'hono';
import { notFound } from '../kernel/http/errors.ts';
import type { AppContext } from '../kernel/context.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { CameraManager } from './manager.ts';
import type { MediaServer, PlayUrls } from './media-server.ts';
import { parseSource } from './source.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('cameras');

export interface CameraView {
  readonly id: string;
  readonly name?: string;
  /** Source with any credentials replaced by ***. */
  readonly source: string;
  readonly state: string;
  readonly lastFrameAt?: number;
  readonly fps: number;
  readonly restarts: number;
  readonly error?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly gridCell?: string;
  readonly keyframesOnly: boolean;
  /** HTTP-FLV / WS-FLV URLs with a session-bound play token (mpegts.js plays either); absent when media is off. */
  readonly live?: PlayUrls;
}

function displaySource(source: string, baseDir: string): string {
  try {
    return parseSource(source, baseDir).display;
  } catch {
    return '(invalid source)';
  }
}

/** Routes over the `cameras` component and the `media` one (absent when the media server is off). */
export function cameraRoutes(ctx: AppContext, m: CameraManager, media: MediaServer | undefined): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const enabled = ctx.config.cameras.filter((cam) => cam.enabled);

  app.get(
    '/api/cameras',
    allow(ANY_ROLE, 'Every camera: state, last frame, fps, restarts, location and signed live-view URLs.'),
    (c) => {
      const cameras: CameraView[] = enabled.map((cam) => {
        const s = m.status(cam.id);
        return {
          id: cam.id,
          name: cam.name,
          source: displaySource(cam.source, ctx.baseDir),
          state: s?.state ?? 'offline',
          lastFrameAt: s?.lastFrameAt,
          fps: s?.fps ?? 0,
          restarts: s?.restarts ?? 0,
          error: s ? s.error : 'camera ingest is not running',
          location: cam.location,
          gridCell: cam.gridCell,
          keyframesOnly: cam.keyframesOnly,
          live: media?.playUrls(cam.id, c.get('sessionId')),
        };
      });
      return c.json({ cameras });
    },
  );

  app.get('/api/cameras/:id/snapshot', allow(ANY_ROLE, "JPEG of a camera's latest analysed frame."), async (c) => {
    const id = c.req.param('id');
    if (!enabled.some((cam) => cam.id === id)) throw notFound(`camera ${id}`);
    if (!m.latestFrame(id)) throw notFound(`a frame of camera ${id}`);
    const jpeg = await m.snapshot(id);
    return c.body(new Uint8Array(jpeg), 200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' });
  });
  return app;
}
