/**
 * The embedded live relay: node-media-server 4.4.3 (RTMP ingest, HTTP-FLV and WS-FLV out). Publishing and playing
 * both need a signed URL (a random secret when none is configured). Cameras are relayed in only while someone
 * watches them. node-media-server keeps its state in module globals: one MediaServer per process.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import NodeMediaServer, { type NmsSession } from 'node-media-server';
import nmsContext from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import { assertPortFree, freePort } from './probe.ts';
import { LiveRelays, type RelaySource } from './relay.ts';
import { signFor, streamNameFor } from './sign.ts';
import { parseSource } from './source.ts';

export interface PlayUrls {
  readonly flv: string;
  readonly ws: string;
  readonly expiresAt: number;
}

const EVENTS = ['postPlay', 'donePlay'] as const;

export class MediaServer implements Component {
  readonly name = 'media';
  private nms: NodeMediaServer | undefined;
  private relays: LiveRelays | undefined;
  private secretValue = '';
  private ports = { rtmp: 0, http: 0 };
  private readonly sources = new Map<string, RelaySource>();
  private readonly listeners: [string, (s: NmsSession) => void][] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: { readonly relayLingerMs?: number } = {},
  ) {}

  get rtmpPort(): number {
    return this.ports.rtmp;
  }

  get httpPort(): number {
    return this.ports.http;
  }

  async start(): Promise<void> {
    const m = this.ctx.config.media;
    this.secretValue = m.secret ?? randomBytes(24).toString('hex');
    this.ports = { rtmp: m.rtmpPort || (await freePort(m.host)), http: m.httpPort || (await freePort(m.host)) };
    // node-media-server calls process.exit when a port is taken: find out first and fail like any component.
    await assertPortFree(m.host, this.ports.rtmp, 'media RTMP');
    await assertPortFree(m.host, this.ports.http, 'media HTTP-FLV');
    this.routeLogs();
    this.nms = new NodeMediaServer({
      bind: m.host,
      rtmp: { port: this.ports.rtmp },
      http: { port: this.ports.http },
      auth: { play: true, publish: true, secret: this.secretValue },
      store: { path: path.join(this.ctx.dataDir, 'media'), maxHistory: 1000 },
      webadmin: { enable: false },
    });
    this.relays = new LiveRelays({
      log: this.ctx.log,
      publishUrl: (p) => this.publishUrl(p),
      lingerMs: this.opts.relayLingerMs,
    });
    this.indexCameras();
    this.listen('postPlay', (s) => this.onPlay(s));
    this.listen('donePlay', (s) => this.relays?.viewerLeft(s.id));
    await this.nms.run();
    this.ctx.log.info(
      { rtmpPort: this.ports.rtmp, httpPort: this.ports.http },
      'media server started (signed publish and play)',
    );
  }

  async stop(): Promise<void> {
    this.relays?.stopAll();
    for (const [event, fn] of this.listeners.splice(0)) nmsContext.eventEmitter.off(event, fn);
    await this.nms?.stop();
    this.nms = undefined;
  }

  health(): ComponentHealth {
    if (!this.nms) return { state: 'down', detail: 'media server not running' };
    const live = [...nmsContext.broadcasts.values()].filter((b) => b.publisher !== null).length;
    const relays = this.relays?.running() ?? [];
    return {
      state: 'ok',
      detail: `${live} live stream(s), ${relays.length} camera relay(s)`,
      stats: { rtmpPort: this.ports.rtmp, httpPort: this.ports.http, liveStreams: live, relays: relays.length },
    };
  }

  /** Cameras being relayed in now (someone is watching them). */
  relaying(): string[] {
    return (this.relays?.running() ?? []).map((r) => r.cameraId);
  }

  /** Signed HTTP-FLV and WS-FLV URLs for a camera's live view; undefined for an unknown camera. */
  playUrls(cameraId: string, ttlSeconds = this.ctx.config.media.playTtlSeconds): PlayUrls | undefined {
    const source = this.sources.get(cameraId);
    if (!source || !this.nms) return undefined;
    const { sign, expiresAt } = signFor(source.streamPath, this.secretValue, ttlSeconds, this.ctx.clock.now());
    const base = (this.ctx.config.media.publicUrl ?? `http://${this.ctx.config.media.host}:${this.ports.http}`).replace(
      /\/+$/,
      '',
    );
    const flv = `${base}${source.streamPath}.flv?sign=${sign}`;
    return { flv, ws: flv.replace(/^http/, 'ws'), expiresAt };
  }

  /** Signed rtmp:// URL to publish a stream (a camera pushing RTMP, or the relay). */
  publishUrl(streamPath: string, ttlSeconds = 86_400): string {
    const { sign } = signFor(streamPath, this.secretValue, ttlSeconds, this.ctx.clock.now());
    return `rtmp://${this.ctx.config.media.host}:${this.ports.rtmp}${streamPath}?sign=${sign}`;
  }

  /** A camera source aimed at this server gets a play signature; any other source is returned unchanged. */
  signSource(url: string): string {
    const local = this.localStreamPath(url);
    if (!local || !this.nms) return url;
    const { sign } = signFor(local, this.secretValue, 7 * 86_400, this.ctx.clock.now());
    const u = new URL(url);
    u.searchParams.set('sign', sign);
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
        this.ctx.log.warn({ camera: cam.id, err: (err as Error).message }, 'camera has no live view');
      }
    }
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

  /** node-media-server prints with console.log; send its lines to our logger instead, signatures redacted. */
  private routeLogs(): void {
    const log = this.ctx.log.child({ component: 'media' });
    nmsLogger.log = (message: string, level = 'info') => {
      const text = String(message).replace(/sign=[\w-]+/g, 'sign=***');
      if (level === 'error' || level === 'warn') log.warn(text);
      else log.debug(text);
    };
  }
}
