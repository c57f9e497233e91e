/**
 * The embedded MQTT broker (aedes, MQTT 3.1.1) as a component: TCP, and WebSocket for browsers (mqtt.wsPort).
 * Every client authenticates (acl.ts); publishes and subscriptions are checked against the ACL.
 * Position and status publishes go to the tap (the telemetry pipeline) inside authorizePublish, and aedes sends the
 * vehicle its PUBACK only when the tap acknowledges — i.e. once the fix is stored. So a fix a vehicle saw
 * acknowledged survives even `kill -9` of gridwatch, and an unacknowledged one is sent again by the vehicle.
 */
import { Aedes, type AedesOptions, type AuthenticateError, type Client } from 'aedes';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Component } from '../kernel/component.ts';
import type { Logger } from '../kernel/log.ts';
import { LogThrottle } from '../kernel/log-throttle.ts';
import { ConnectionGuard, guardServer, type ConnectionLimits } from '../kernel/net/guard.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import type { Acl, Principal } from './acl.ts';
import { clientIdAllowed, effectiveClientId, vehiclePublish } from './broker-policy.ts';
import { limitPacketSize } from './packet-limit.ts';
import type { Ack } from './pipeline.ts';
import type { RawMessage } from './types.ts';

export interface BrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly wsPort?: number;
  readonly acl: Acl;
  readonly log: Logger;
  /** Largest payload a vehicle may publish (mqtt.maxPayloadBytes); larger ones are rejected, never retained. */
  readonly maxPayloadBytes?: number;
  /** Per-address cap, handshake (CONNECT) and idle timeouts of the TCP and WebSocket listeners. */
  readonly connections?: ConnectionLimits;
}

const DEFAULT_LIMITS: ConnectionLimits = { maxPerAddress: 100, handshakeMs: 10_000, idleMs: 300_000 };

type PublishPacket = Parameters<NonNullable<AedesOptions['authorizePublish']>>[1];

/** The TCP socket under an aedes client (directly, or under the WebSocket stream). */
function socketOf(client: Client): Socket | undefined {
  if (client.conn instanceof Socket) return client.conn;
  const req = (client as { req?: { socket?: unknown } }).req;
  return req?.socket instanceof Socket ? req.socket : undefined;
}

function prefixed(name: string, guard: ConnectionGuard | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(guard?.stats() ?? {}).map(([k, v]) => [`${name}.${k}`, v]));
}

/** Receives every authorised publish on a vehicle topic; call ack once it is safely handled. */
export type BrokerTap = (msg: RawMessage, ack: Ack) => void;

const listen = (server: Server | HttpServer, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

export class EmbeddedBroker implements Component {
  readonly name = 'mqtt';
  private aedes?: Aedes;
  private server?: Server;
  private http?: HttpServer;
  private wss?: WebSocketServer;
  private error?: string;
  private readonly principals = new WeakMap<Client, Principal>();
  private tap?: BrokerTap;
  private disconnected?: (vehicleId: string) => void;
  private counts = { authFailures: 0, clientIdDenied: 0, publishDenied: 0, subscribeDenied: 0, packetTooLarge: 0 };
  private guard?: ConnectionGuard;
  /** Refusals anyone can trigger: logged at most 20 a minute (counted in health regardless). */
  private readonly refusals: LogThrottle;
  /** Payloads of acknowledged-but-rejected publishes: never forwarded (aedes passes the same Buffer along). */
  private readonly dropped = new WeakSet<object>();

  constructor(private readonly opts: BrokerOptions) {
    this.refusals = new LogThrottle(opts.log);
  }

  /** The TCP port actually bound (useful with port 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.opts.port;
  }

  get wsPort(): number | undefined {
    return (this.http?.address() as AddressInfo | null)?.port ?? this.opts.wsPort;
  }

  /** gridwatch's own credential for its internal clients (generated at start, never in the config). */
  get internalCredential(): { readonly username: string; readonly password: string } {
    return this.opts.acl.internal;
  }

  setTap(tap: BrokerTap, onVehicleDisconnect: (vehicleId: string) => void): void {
    this.tap = tap;
    this.disconnected = onVehicleDisconnect;
  }

  async start(): Promise<void> {
    const { acl, log } = this.opts;
    const limits = this.opts.connections ?? DEFAULT_LIMITS;
    this.guard = new ConnectionGuard('mqtt', limits, log);
    const aedes = await Aedes.createBroker({
      // the guard closes a connection without a completed login first; aedes' own CONNECT timer is the backstop
      connectTimeout: limits.handshakeMs > 0 ? limits.handshakeMs + 5000 : 2 ** 31 - 1,
      preConnect: (_client, packet, done) => {
        packet.clientId = effectiveClientId(packet.username, packet.clientId, (n) => acl.isLogin(n));
        done(null, true);
      },
      authenticate: (client, username, password, done) => this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, sub, done) => {
        const p = this.principals.get(client);
        if (p && acl.canSubscribe(p, sub.topic)) return done(null, sub);
        this.counts.subscribeDenied++;
        done(null, null);
      },
      // also runs for queued messages when a persistent session resumes: re-authorised against the current login
      authorizeForward: (client, packet) => {
        const p = this.principals.get(client);
        if (!p || !acl.canSubscribe(p, packet.topic)) return null;
        if (typeof packet.payload === 'object' && this.dropped.has(packet.payload)) return null;
        return packet;
      },
    });
    aedes.on('client', (client) => {
      const socket = socketOf(client);
      if (socket) this.guard?.established(socket);
    });
    aedes.on('clientDisconnect', (client) => {
      const p = this.principals.get(client);
      if (p?.kind === 'vehicle') this.disconnected?.(p.id);
    });
    this.aedes = aedes;
    const server = createServer((socket) => {
      aedes.handle(socket);
      this.limitPackets(socket);
    });
    guardServer(server, this.guard);
    this.server = server;
    await listen(server, this.opts.port, this.opts.host);
    server.on('error', (err) => {
      this.error = err.message;
      log.error({ err }, 'mqtt server error');
    });
    if (this.opts.wsPort !== undefined) await this.startWebSocket(aedes, this.guard);
    log.info({ host: this.opts.host, port: this.port, wsPort: this.wsPort }, 'embedded MQTT broker listening');
  }

  /** No MQTT packet above maxPayloadBytes + 64 KiB (topic, properties) is read in full: the connection is closed. */
  private get maxPacketBytes(): number {
    return (this.opts.maxPayloadBytes ?? 2048) + 65_536;
  }

  private limitPackets(stream: Duplex): void {
    limitPacketSize(stream, this.maxPacketBytes, (why) => {
      this.counts.packetTooLarge++;
      this.refusals.warn({ why }, 'mqtt connection closed: packet too large');
    });
  }

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (err: AuthenticateError | null, ok: boolean) => void,
  ): void {
    const { acl } = this.opts;
    const p = acl.authenticate(username, password);
    if (p && clientIdAllowed(p, client.id)) {
      this.principals.set(client, p);
      done(null, true);
    } else if (p) {
      this.counts.clientIdDenied++;
      this.refusals.warn(
        { clientId: client.id, username },
        'mqtt login refused: the client id belongs to another login',
      );
      done(Object.assign(new Error('client id of another login'), { returnCode: 2 }) as AuthenticateError, false);
    } else {
      this.counts.authFailures++;
      this.refusals.warn({ clientId: client.id, username }, 'mqtt login refused');
      done(Object.assign(new Error('bad user name or password'), { returnCode: 4 }) as AuthenticateError, false);
    }
  }

  private authorizePublish(client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void {
    const { acl } = this.opts;
    const p = client ? this.principals.get(client) : ({ kind: 'internal' } as const);
    const verdict =
      p?.kind === 'vehicle'
        ? vehiclePublish(p.id, packet, acl.topics, this.opts.maxPayloadBytes ?? 2048)
        : ({ ok: true, retain: packet.retain } as const);
    if (!p || !acl.canPublish(p, packet.topic) || !verdict.ok) {
      this.counts.publishDenied++;
      const reason = verdict.ok ? 'not allowed by the ACL' : verdict.reason;
      this.refusals.warn({ clientId: client?.id, topic: packet.topic.slice(0, 200), reason }, 'mqtt publish refused');
      done(new Error(`not authorised to publish to ${packet.topic}: ${reason}`));
      return;
    }
    packet.retain = verdict.retain;
    if (!this.tap || !packet.topic.includes('/vehicles/')) {
      done(null);
      return;
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    packet.payload = payload;
    this.tap({ topic: packet.topic, payload, receivedAt: Date.now() }, (err, rejected) => {
      if (rejected) {
        // acknowledged (the vehicle must not resend it) but neither retained nor forwarded
        packet.retain = false;
        this.dropped.add(payload);
      }
      done(err ?? null);
    });
  }

  private async startWebSocket(aedes: Aedes, guard: ConnectionGuard): Promise<void> {
    const http = createHttpServer();
    guardServer(http, guard);
    this.http = http;
    const wss = new WebSocketServer({ server: http, maxPayload: this.maxPacketBytes });
    this.wss = wss;
    wss.on('connection', (ws, req) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => ws.terminate());
      aedes.handle(stream, req);
      this.limitPackets(stream);
    });
    await listen(http, this.opts.wsPort ?? 0, this.opts.host);
  }

  async stop(): Promise<void> {
    const { server, aedes, http, wss } = this;
    // Stop accepting, then close the broker (which closes every client), then wait for the listeners.
    const closed = [server, http].map((s) => (s?.listening ? new Promise<void>((r) => s.close(() => r())) : undefined));
    for (const ws of wss?.clients ?? []) ws.terminate();
    if (wss) await new Promise<void>((r) => wss.close(() => r()));
    if (aedes) await new Promise<void>((r) => aedes.close(() => r()));
    await Promise.all(closed);
    this.guard?.close();
  }

  health(): ComponentHealth {
    if (!this.server?.listening) return { state: 'down', detail: this.error ?? 'not listening' };
    const ws = this.wsPort !== undefined ? `, WebSocket on ${this.wsPort}` : '';
    return {
      state: 'ok',
      detail: `embedded aedes on port ${this.port}${ws}`,
      stats: { clients: this.aedes?.connectedClients ?? 0, ...this.counts, ...prefixed('connections', this.guard) },
    };
  }
}
