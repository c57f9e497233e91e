/**
 * The dashboard component: sessions, login limiter, alert centre, live feed, zone edits, audit log, and the routes
 * serving them.
 * Logins are checked by the given UserVerifier (the cases module's UserStore).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { BusConsumer, Topic } from '../kernel/bus.ts';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import { RateLimiter } from '../kernel/ratelimit.ts';
import type { MainStore } from '../kernel/store.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import type { ApiEnv, UserVerifier } from '../kernel/types/user.ts';
import { AuditLog } from './admin/audit.ts';
import { alertsRoutes } from './alerts-routes.ts';
import { AlertCenter } from './alerts.ts';
import { authRoutes } from './auth-routes.ts';
import { eventsRoute } from './events-route.ts';
import { guard, sessionCookieName } from './guard.ts';
import { LiveFeed } from './live-feed.ts';
import { alertsRaised, countLiveClients, metricsRoute } from './metrics.ts';
import { SessionStore } from './sessions.ts';
import { SessionStreams } from './session-streams.ts';
import { uiRoutes } from './ui-routes.ts';
import { ZoneStore } from '../detect/rules/saved-zones.ts';
import { importZonesFile } from '../detect/rules/zone-import.ts';
import { zonesRoutes } from './zones-routes.ts';
import { Texts } from '../kernel/messages/texts.ts';

export interface DashboardOptions {
  /** Checks logins (called at start: the cases module's UserStore, started before the dashboard). */
  readonly users: () => UserVerifier;
}

const PURGE_MS = 10 * 60_000;

export class Dashboard implements Component, BusConsumer {
  readonly name = 'dashboard';
  /** The alert center (hits, violations, camera and vehicle status) and the live feed (those, cases, positions). */
  readonly subscribes: readonly Topic[] = [
    'hit',
    'violation',
    'camera.status',
    'vehicle.status',
    'case',
    'vehicle.position',
    'notice',
  ];
  readonly sessions: SessionStore;
  readonly alerts: AlertCenter;
  readonly feed: LiveFeed;
  readonly zones: ZoneStore;
  readonly streams: SessionStreams;
  /** Logins, logouts, case actions and admin changes (admin/audit.ts). */
  readonly audit: AuditLog;
  private users?: UserVerifier;
  private readonly limiters: { readonly address: RateLimiter; readonly username: RateLimiter };
  private purgeTimer?: NodeJS.Timeout;
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly ctx: AppContext,
    store: MainStore,
    private readonly opts: DashboardOptions,
  ) {
    const { config, clock, log, bus } = ctx;
    // every use of a session is checked against the user as they are now (removed / disabled / changed → ended)
    this.sessions = new SessionStore(
      () => store.db,
      config.server.sessionTtlMinutes * 60_000,
      clock,
      () => {
        const users = this.users;
        return users ? (name) => users.current(name) : undefined;
      },
    );
    this.streams = new SessionStreams(config.server.liveStreamsPerSession, (id) => !!this.sessions.getById(id, false));
    this.sessions.onEnded((sessionId) => {
      this.streams.ended(sessionId);
      bus.emit('session.ended', { sessionId });
    });
    this.limiters = {
      address: new RateLimiter(config.server.loginAttemptsPerMinute, 60_000, clock),
      username: new RateLimiter(config.server.loginAttemptsPerUserPerMinute, 60_000, clock),
    };
    this.alerts = new AlertCenter({ bus, db: () => store.db, clock, log, texts: Texts.fromConfig(config) });
    this.feed = new LiveFeed(bus, this.alerts);
    this.zones = new ZoneStore(config, () => store.db, bus, clock);
    this.audit = new AuditLog(
      () => store.db,
      () => clock.now(),
    );
  }

  get cookieName(): string {
    return sessionCookieName(this.ctx.config.server.secureCookies);
  }

  async start(): Promise<void> {
    this.users = this.opts.users();
    // a pilot's former DATA/zones.json goes into the database once (done already where the rules module runs)
    importZonesFile(this.zones.table.db, this.ctx.dataDir, this.ctx.log, this.ctx.clock.now());
    await this.alerts.start();
    this.off.push(countLiveClients(() => this.feed.size));
    this.off.push(this.alerts.onAlert((a, isNew) => isNew && alertsRaised.inc({ kind: a.kind })));
    this.sessions.purge();
    this.purgeTimer = setInterval(() => this.sessions.purge(), PURGE_MS);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.purgeTimer);
    for (const o of this.off.splice(0)) o();
    this.feed.close();
    await this.alerts.stop();
  }

  health(): ComponentHealth {
    return {
      state: this.users ? 'ok' : 'starting',
      stats: { liveClients: this.feed.size, droppedLiveEvents: this.feed.dropped },
    };
  }

  /** The guard every /api route and /metrics passes. */
  guard(): MiddlewareHandler<ApiEnv> {
    const { server } = this.ctx.config;
    return guard({
      sessions: this.sessions,
      cookieName: this.cookieName,
      log: this.ctx.log,
      ...(server.metricsToken ? { metricsToken: server.metricsToken } : {}),
    });
  }

  /** The dashboard's own routes (mounted by createApi). */
  routes(): Hono<ApiEnv> {
    const { config, baseDir } = this.ctx;
    const users: UserVerifier = {
      verify: (u, p) => {
        if (!this.users) throw new Error('dashboard not started');
        return this.users.verify(u, p);
      },
      current: (u) => this.users?.current(u),
    };
    const app = new Hono<ApiEnv>();
    app.route(
      '/',
      authRoutes({
        users,
        sessions: this.sessions,
        limiters: this.limiters,
        cookieName: this.cookieName,
        secureCookies: config.server.secureCookies,
        trustProxy: config.server.trustProxy,
        audit: this.audit,
      }),
    );
    app.route('/', eventsRoute(this.feed, this.streams));
    app.route('/', alertsRoutes(this.alerts));
    app.route('/', zonesRoutes(this.zones));
    app.route('/', uiRoutes(config, baseDir, this.ctx.clock));
    app.route('/', metricsRoute());
    return app;
  }
}
