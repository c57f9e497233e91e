/**
 * The embedded live relay: node-media-server 4.4.3 (RTMP ingest, HTTP-FLV and WS-FLV out). Publishing needs the
 * stream's publish key (and, for a camera gridwatch relays itself, a connection from this machine); playing needs a
 * play token bound to a login session, short-lived and revoked at logout (media-gate.ts, play-tokens.ts). Both
 * listeners have a per-address cap, handshake and idle timeouts (media.connections). Cameras are relayed in only
 * while someone watches them. node-media-server keeps its state in module globals: one MediaServer per process.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import NodeMediaServer, { type NmsSession } from 'node-media-server';
import nmsContext from 'node-media-server/src/core/context.js';
import type { BusConsumer, Topic } from '../kernel/bus.ts';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import { LogThrottle } from '../kernel/log-throttle.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import { connectionLimits } from '../kernel/config/net.ts';
import type { ConnectionGuard } from '../kernel/net/guard.ts';
import { MediaGate, param } from './media-gate.ts';
import { closeSession, guardListeners, routeNmsLogs, socketOf } from './nms-plumbing.ts';
import { PlayTokens } from './play-tokens.ts';
import { assertPortFree, freePort } from './probe.ts';
import { LiveRelays, type RelaySource } from './relay.ts';
import { publishKey, streamNameFor } from './sign.ts';
import { parseSource } from './source.ts';
import { errorMessage } from '../kernel/errors.ts';

export interface PlayUrls {
  readonly flv: string;
  readonly ws: string;
  readonly expiresAt: number;
}

const EVENTS = ['prePublish', 'prePlay', 'postPlay', 'donePlay'] as const;

export class MediaServer implements Component, BusConsumer {
  readonly name = 'media';
  /** A logged-out session's play tokens and live streams end. */
  readonly subscribes: readonly Topic[] = ['session.ended'];
  private nms: NodeMediaServer | undefined;
  private relays: LiveRelays | undefined;
  private publishSecret = '';
  private readonly tokens = new PlayTokens();
  private gate: MediaGate | undefined;
  private guards: ConnectionGuard[] = [];
  private offBus: (() => void) | undefined;
  private counts = { publishRefused: 0, playRefused: 0, playsRevoked: 0 };
  private sessionAlive: ((sessionId: string) => boolean) | undefined;
  /** Refused publishes, logged at most 20 a minute (all counted in health). */
  private readonly refusals: LogThrottle;
  private ports = { rtmp: 0, http: 0 };
  private readonly sources = new Map<string, RelaySource>();
  private readonly listeners: [string, (s: NmsSession) => void][] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: { readonly relayLingerMs?: number } = {},
  ) {
    this.refusals = new LogThrottle(ctx.log);
  }

  get rtmpPort(): number {
    return this.ports.rtmp;
  }

  get httpPort(): number {
    return this.ports.http;
  }

  async start(): Promise<void> {
    const m = this.ctx.config.media;
    this.publishSecret = m.secret ?? randomBytes(24).toString('hex');
    this.ports = { rtmp: m.rtmpPort || (await freePort(m.host)), http: m.httpPort || (await freePort(m.host)) };
    // node-media-server calls process.exit when a port is taken: find out first and fail like any component.
    await assertPortFree(m.host, this.ports.rtmp, 'media RTMP');
    await assertPortFree(m.host, this.ports.http, 'media HTTP-FLV');
    routeNmsLogs(this.ctx.log);
    this.indexCameras();
    const gate = new MediaGate({
      stream: (p) => this.streamAt(p),
      publishSecret: this.publishSecret,
      tokens: this.tokens,
      sessionAlive: (id) => this.sessionAlive?.(id) ?? true,
    });
    this.gate = gate;
    this.nms = new NodeMediaServer({
      bind: m.host,
      rtmp: { port: this.ports.rtmp },
      http: { port: this.ports.http },
      auth: { play: true, publish: true, secret: gate.nmsSecret },
      store: { path: path.join(this.ctx.dataDir, 'media'), maxHistory: 1000 },
      webadmin: { enable: false },
    });
    if (this.nms) this.guards = guardListeners(this.nms, connectionLimits(m.connections), this.ctx.log);
    this.relays = new LiveRelays({
      log: this.ctx.log,
      publishUrl: (p) => this.publishUrl(p),
      lingerMs: this.opts.relayLingerMs,
    });
    this.listen('prePublish', (s) => this.onPrePublish(s));
    this.listen('prePlay', (s) => this.onPrePlay(s));
    this.listen('postPlay', (s) => this.onPlay(s));
    this.listen('donePlay', (s) => this.onDonePlay(s));
    this.offBus = this.ctx.bus.on('session.ended', ({ sessionId }) => {
      this.counts.playsRevoked += this.tokens.revokeSession(sessionId);
    });
    await this.nms.run();
    this.ctx.log.info(
      { rtmpPort: this.ports.rtmp, httpPort: this.ports.http },
      'media server started (publish keys, session-bound play tokens)',
    );
  }

  async stop(): Promise<void> {
    this.offBus?.();
    this.relays?.stopAll();
    for (const [event, fn] of this.listeners.splice(0)) nmsContext.eventEmitter.off(event, fn);
    await this.nms?.stop();
    this.nms = undefined;
    for (const g of this.guards.splice(0)) g.close();
    this.tokens.clear();
  }

  health(): ComponentHealth {
    if (!this.nms) return { state: 'down', detail: 'media server not running' };
    const live = [...nmsContext.broadcasts.values()].filter((b) => b.publisher !== null).length;
    const relays = this.relays?.running() ?? [];
    return {
      state: 'ok',
      detail: `${live} live stream(s), ${relays.length} camera relay(s)`,
      stats: {
        rtmpPort: this.ports.rtmp,
        httpPort: this.ports.http,
        liveStreams: live,
        relays: relays.length,
        playTokens: this.tokens.size,
        ...this.counts,
        ...Object.fromEntries(
          this.guards.flatMap((g, i) =>
            Object.entries(g.stats()).map(([k, v]) => [`${i === 0 ? 'rtmp' : 'http'}.${k}`, v]),
          ),
        ),
      },
    };
  }

  /** Check a play token's login session at each play start (app.ts wires the dashboard's session store). */
  checkSessionsWith(alive: (sessionId: string) => boolean): void {
    this.sessionAlive = alive;
  }

  /** Cameras being relayed in now (someone is watching them). */
  relaying(): string[] {
    return (this.relays?.running() ?? []).map((r) => r.cameraId);
  }

  /**
   * HTTP-FLV and WS-FLV URLs for a camera's live view, with a play token bound to the login session `sessionId`
   * (valid to start playing for media.playTtlSeconds, revoked when the session ends); undefined for an unknown camera.
   */
  playUrls(
    cameraId: string,
    sessionId: string,
    ttlSeconds = this.ctx.config.media.playTtlSeconds,
  ): PlayUrls | undefined {
    const source = this.sources.get(cameraId);
    if (!source || !this.nms || !sessionId) return undefined;
    const now = this.ctx.clock.now();
    const { token, expiresAt } = this.tokens.issue(source.streamPath, sessionId, ttlSeconds * 1000, now);
    const base = (this.ctx.config.media.publicUrl ?? `http://${this.ctx.config.media.host}:${this.ports.http}`).replace(
      /\/+$/,
      '',
    );
    const flv = `${base}${source.streamPath}.flv?token=${token}`;
    return { flv, ws: flv.replace(/^http/, 'ws'), expiresAt };
  }

  /** rtmp:// URL with the stream's publish key (the relay, or a camera pushing RTMP into this server). */
  publishUrl(streamPath: string): string {
    const key = publishKey(this.publishSecret, streamPath);
    return `rtmp://${this.ctx.config.media.host}:${this.ports.rtmp}${streamPath}?key=${key}`;
  }

  /** A source aimed at this server gets a service play token (loopback only); others are returned as they are. */
  signSource(url: string): string {
    const local = this.localStreamPath(url);
    if (!local || !this.nms) return url;
    const u = new URL(url);
    u.searchParams.set('token', this.tokens.service(local));
    return u.toString();
  }

  /** "/live/name" when `url` points at this media server (RTMP or HTTP-FLV), else undefined. */
  private localStreamPath(url: string): string | undefined {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    const port = Number(u.port);
    const hosts = new Set([this.ctx.config.media.host, '127.0.0.1', 'localhost']);
    const ours =
      (u.protocol === 'rtmp:' && port === this.ports.rtmp) || (u.protocol === 'http:' && port === this.ports.http);
    return ours && hosts.has(u.hostname) ? u.pathname.replace(/\.flv$/, '') : undefined;
  }

  private indexCameras(): void {
    this.sources.clear();
    for (const cam of this.ctx.config.cameras.filter((c) => c.enabled)) {
      try {
        const spec = parseSource(cam.source, this.ctx.baseDir);
        const streamPath = this.localStreamPath(spec.input) ?? `/live/${streamNameFor(cam.id)}`;
        this.sources.set(cam.id, { cameraId: cam.id, spec, streamPath });
      } catch (err) {
        this.ctx.log.warn({ camera: cam.id, err: errorMessage(err) }, 'camera has no live view');
      }
    }
  }

  private streamAt(streamPath: string): { cameraId: string; pushes: boolean } | undefined {
    for (const source of this.sources.values())
      if (source.streamPath === streamPath)
        return { cameraId: source.cameraId, pushes: this.localStreamPath(source.spec.input) !== undefined };
    return undefined;
  }

  private onPrePublish(session: NmsSession): void {
    this.established(session);
    const verdict = this.gate?.publishVerdict(session) ?? { ok: false, reason: 'media server stopping' };
    this.gate?.apply(session, verdict);
    if (verdict.ok) return;
    this.counts.publishRefused++;
    this.refusals.warn(
      { stream: session.streamPath, peer: session.ip, reason: verdict.reason },
      'media publish refused',
    );
  }

  private onPrePlay(session: NmsSession): void {
    this.established(session);
    const verdict = this.gate?.playVerdict(session, this.ctx.clock.now()) ?? { ok: false, reason: 'stopping' };
    this.gate?.apply(session, verdict);
    const token = param(session, 'token');
    if (verdict.ok && token) this.tokens.playing(token, session.id, () => closeSession(session));
    if (verdict.ok) return;
    this.counts.playRefused++;
    this.ctx.log.debug({ stream: session.streamPath, peer: session.ip, reason: verdict.reason }, 'media play refused');
  }

  private onDonePlay(session: NmsSession): void {
    const token = param(session, 'token');
    if (token) this.tokens.stopped(token, session.id);
    this.relays?.viewerLeft(session.id);
  }

  /** The connection under a session got as far as publish/play: its handshake deadline no longer applies. */
  private established(session: NmsSession): void {
    const socket = socketOf(session);
    if (socket) for (const g of this.guards) g.established(socket);
  }

  private onPlay(session: NmsSession): void {
    if (session.ip === '') return;
    for (const source of this.sources.values()) {
      if (source.streamPath !== session.streamPath || this.localStreamPath(source.spec.input)) continue;
      this.relays?.viewerJoined(source, session.id);
      return;
    }
  }

  private listen(event: (typeof EVENTS)[number], fn: (s: NmsSession) => void): void {
    const safe = (s: NmsSession): void => {
      try {
        fn(s);
      } catch (err) {
        this.ctx.log.error({ err, event }, 'media event handler failed');
      }
    };
    nmsContext.eventEmitter.on(event, safe);
    this.listeners.push([event, safe]);
  }
}
