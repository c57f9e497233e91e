/**
 * GET /api/events: the live feed as server-sent events (event name = topic, data = JSON), with a heartbeat. Bound to
 * the login session: a few per session (server.liveStreamsPerSession, then 429), closed when the session ends, and
 * the session (and its user as they are now) re-checked before every event and every few seconds when idle.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { HttpError } from '../kernel/http/errors.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { FeedMessage, LiveFeed } from './live-feed.ts';
import type { SessionStreams } from './session-streams.ts';
import { eventsQuery } from './schemas.ts';
import { zv } from '../kernel/http/validate.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('dashboard');

const HEARTBEAT_MS = 15_000;
const MAX_QUEUE = 1000;
/** An idle stream re-checks its session this often (a user removed by the CLI is noticed within it). */
const RECHECK_MS = 5_000;

export function eventsRoute(feed: LiveFeed, streams: SessionStreams): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/events',
    allow(
      ANY_ROLE,
      'Server-sent events: alert, hit, violation, case, camera.status, vehicle.status, vehicle.position.',
    ),
    zv('query', eventsQuery),
    (c) => {
      const user = c.get('user');
      const sessionId = c.get('sessionId');
      let close = (): void => undefined;
      const release = streams.add(sessionId, () => close());
      if (!release)
        throw new HttpError('rate_limited', { seconds: 5, detail: 'too many live streams on this session' }, [], {
          'Retry-After': '5',
        });
      const topics = c.req
        .valid('query')
        .topics?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      return streamSSE(c, async (stream) => {
        const queue: FeedMessage[] = [];
        let wake: (() => void) | undefined;
        let seq = 0;
        const unsubscribe = feed.subscribe(user, topics, (m) => {
          if (queue.length >= MAX_QUEUE) {
            queue.shift();
            feed.dropped++;
          }
          queue.push(m);
          wake?.();
        });
        let open = true;
        close = () => {
          open = false;
          wake?.();
        };
        stream.onAbort(close);
        let lastWrite = Date.now();
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ user: user.username }), retry: 2000 });
          while (open && !stream.aborted) {
            const m = queue.shift();
            if (m) {
              if (!streams.alive(sessionId)) break; // logged out, expired, or the user changed: no more events
              await stream.writeSSE({ event: m.topic, data: JSON.stringify(m.data), id: String(++seq) });
              lastWrite = Date.now();
              continue;
            }
            const timer = new Promise<boolean>((resolve) => {
              const t = setTimeout(() => resolve(true), RECHECK_MS);
              wake = () => {
                clearTimeout(t);
                resolve(false);
              };
            });
            const idle = await timer;
            wake = undefined;
            if (!idle || !open) continue;
            if (!streams.alive(sessionId)) break;
            if (Date.now() - lastWrite >= HEARTBEAT_MS) {
              await stream.write(': heartbeat\n\n');
              lastWrite = Date.now();
            }
          }
        } finally {
          unsubscribe();
          release();
        }
      });
    },
  );
  return app;
}
