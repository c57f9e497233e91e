/** GET /api/events: the live feed as server-sent events (event name = topic, data = JSON), with a heartbeat. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { FeedMessage, LiveFeed } from './live-feed.ts';
import { eventsQuery } from './schemas.ts';
import { zv } from '../kernel/http/validate.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

const allow = access('dashboard');

const HEARTBEAT_MS = 15_000;
const MAX_QUEUE = 1000;

export function eventsRoute(feed: LiveFeed): Hono<ApiEnv> {
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
        stream.onAbort(() => {
          open = false;
          wake?.();
        });
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ user: user.username }), retry: 2000 });
          while (open && !stream.aborted) {
            const m = queue.shift();
            if (m) {
              await stream.writeSSE({ event: m.topic, data: JSON.stringify(m.data), id: String(++seq) });
              continue;
            }
            const timer = new Promise<boolean>((resolve) => {
              const t = setTimeout(() => resolve(true), HEARTBEAT_MS);
              wake = () => {
                clearTimeout(t);
                resolve(false);
              };
            });
            if (await timer) await stream.write(': heartbeat\n\n');
            wake = undefined;
          }
        } finally {
          unsubscribe();
        }
      });
    },
  );
  return app;
}
