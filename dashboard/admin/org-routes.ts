/**
 * Units, their contacts and the push channels, read-only: they are configuration (`cases.units`, `cases.routing`,
 * `cases.notify.channels`, `cases.webhooks`), validated as a whole by the one zod schema with its cross-references
 * (routing and channels naming units), so they are changed in the YAML and checked with `gridwatch config check`.
 * Channel URLs are shown without their query (robot keys, access tokens) and secrets never leave the server.
 */
import { Hono } from 'hono';
import type { TargetDeliveries } from '../../cases/outbox.ts';
import type { UserRecord } from '../../cases/users.ts';
import type { Config } from '../../kernel/config/schema.ts';
import { access } from '../../kernel/http/access.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';

const allow = access('admin');
const ADMIN = ['admin'] as const;

export interface OrgDeps {
  readonly config: Config;
  /** The configuration file, when the app was started from one. */
  readonly configFile?: string;
  readonly users: () => readonly UserRecord[];
  readonly deliveries: () => readonly TargetDeliveries[];
}

/** "https://host/path?…" without the query and any user info: robot keys and tokens stay hidden. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

type Channel = Config['cases']['notify']['channels'][number];

function channelView(c: Channel) {
  return {
    id: c.id,
    kind: c.kind,
    url: maskUrl(c.url),
    signed: !!c.secret,
    units: c.units,
    // a leaders group hears only the 督办 of its units
    events: c.leaders ? c.events.filter((e) => e === 'escalated') : c.events,
    leaders: c.leaders,
    mentionMobiles: c.mentionMobiles,
  };
}

export function orgRoutes(deps: OrgDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { cases } = deps.config;

  app.get(
    '/api/admin/units',
    allow(ADMIN, 'Units with their routing, push channels (leaders groups too) and users (from the configuration).'),
    (c) => {
      const users = deps.users();
      const hears = (unit: string) => (ch: Channel) => ch.units.includes(unit) || ch.units.includes('*');
      return c.json({
        source: { file: deps.configFile ?? null, paths: ['cases.units', 'cases.routing', 'cases.notify.channels'] },
        units: cases.units.map((u) => ({
          id: u.id,
          name: u.name,
          contractor: u.contractor,
          routing: cases.routing.filter((r) => r.unit === u.id).map((r) => ({ category: r.category, grid: r.grid })),
          channels: cases.notify.channels.filter(hears(u.id)).map(channelView),
          users: users
            .filter((x) => x.unit === u.id)
            .map((x) => ({ username: x.username, name: x.name, role: x.role })),
        })),
      });
    },
  );

  app.get(
    '/api/admin/channels',
    allow(ADMIN, 'Webhook targets and notification channels with their delivery state (from the configuration).'),
    (c) => {
      const stats = new Map(deps.deliveries().map((d) => [d.target, d]));
      const state = (id: string) => stats.get(id) ?? { target: id, pending: 0, delivered: 0, failed: 0 };
      return c.json({
        source: { file: deps.configFile ?? null, paths: ['cases.webhooks', 'cases.notify.channels'] },
        webhooks: cases.webhooks.map((w) => ({
          id: w.id,
          url: maskUrl(w.url),
          events: w.events,
          maxAttempts: w.maxAttempts,
          deliveries: state(w.id),
        })),
        channels: cases.notify.channels.map((ch) => ({ ...channelView(ch), deliveries: state(ch.id) })),
      });
    },
  );

  return app;
}
