/**
 * The embedded MQTT broker (aedes, MQTT 3.1.1) as a component: TCP, and WebSocket for browsers (mqtt.wsPort).
 * Every client authenticates (acl.ts); publishes and subscriptions are checked against the ACL.
 * Position and status publishes go to the tap (the telemetry pipeline) inside authorizePublish, and aedes sends the
 * vehicle its PUBACK only when the tap acknowledges — i.e. once the fix is stored. So a fix a vehicle saw
 * acknowledged survives even `kill -9` of gridwatch, and an unacknowledged one is sent again by the vehicle.
 */
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Component } from '../kernel/component.ts';
import type { Logger } from '../kernel/log.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import type { Acl, Principal } from './acl.ts';
import type { Ack } from './pipeline.ts';
import type { RawMessage } from './types.ts';

export interface BrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly wsPort?: number;
  readonly acl: Acl;
  readonly log: Logger;
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
  private counts = { authFailures: 0, publishDenied: 0, subscribeDenied: 0 };

  constructor(private readonly opts: BrokerOptions) {}

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
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const p = acl.authenticate(username, password);
        if (p) {
          this.principals.set(client, p);
          return done(null, true);
        }
        this.counts.authFailures++;
        log.warn({ clientId: client.id, username }, 'mqtt login refused');
        const err = Object.assign(new Error('bad user name or password'), { returnCode: 4 }) as AuthenticateError;
        done(err, false);
      },
      authorizePublish: (client, packet, done) => {
        const p = client ? this.principals.get(client) : ({ kind: 'internal' } as const);
        if (!p || !acl.canPublish(p, packet.topic)) {
          this.counts.publishDenied++;
          log.warn({ clientId: client?.id, topic: packet.topic }, 'mqtt publish refused by ACL');
          return done(new Error(`not authorised to publish to ${packet.topic}`));
        }
        if (!this.tap || !packet.topic.includes('/vehicles/')) return done(null);
        const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
        this.tap({ topic: packet.topic, payload, receivedAt: Date.now() }, (err) => done(err ?? null));
      },
      authorizeSubscribe: (client, sub, done) => {
        const p = this.principals.get(client);
        if (p && acl.canSubscribe(p, sub.topic)) return done(null, sub);
        this.counts.subscribeDenied++;
        done(null, null);
      },
    });
    aedes.on('clientDisconnect', (client) => {
      const p = this.principals.get(client);
      if (p?.kind === 'vehicle') this.disconnected?.(p.id);
    });
    this.aedes = aedes;
    const server = createServer(aedes.handle);
    this.server = server;
    await listen(server, this.opts.port, this.opts.host);
    server.on('error', (err) => {
      this.error = err.message;
      log.error({ err }, 'mqtt server error');
    });
    if (this.opts.wsPort !== undefined) await this.startWebSocket(aedes);
    log.info({ host: this.opts.host, port: this.port, wsPort: this.wsPort }, 'embedded MQTT broker listening');
  }

  private async startWebSocket(aedes: Aedes): Promise<void> {
    const http = createHttpServer();
    this.http = http;
    const wss = new WebSocketServer({ server: http });
    this.wss = wss;
    wss.on('connection', (ws, req) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => ws.terminate());
      aedes.handle(stream, req);
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
  }

  health(): ComponentHealth {
    if (!this.server?.listening) return { state: 'down', detail: this.error ?? 'not listening' };
    const ws = this.wsPort !== undefined ? `, WebSocket on ${this.wsPort}` : '';
    return {
      state: 'ok',
      detail: `embedded aedes on port ${this.port}${ws}`,
      stats: { clients: this.aedes?.connectedClients ?? 0, ...this.counts },
    };
  }
}
