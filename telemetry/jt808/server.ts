/**
 * The JT/T 808 server component: one TCP connection per terminal (session.ts), positions into the telemetry
 * pipeline (TelemetryService.ingestFix), replies only once a report is stored. Bounded: `maxConnections`, the
 * connection guard of kernel/net (per-address cap, authentication deadline, idle timeout, peers that do not read),
 * reports in flight per connection (its socket paused above `maxInFlight`), and the whole pipeline: while more than
 * HIGH_WATER messages are queued every socket that sends is paused until the pipeline has drained.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { phoneKey, type Jt808Config } from '../../kernel/config/jt808.ts';
import { connectionLimits } from '../../kernel/config/net.ts';
import { ConnectionGuard } from '../../kernel/net/guard.ts';
import type { Component } from '../../kernel/component.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import type { TelemetryService } from '../service.ts';
import { deriveAuthCode, loadKey } from './auth.ts';
import { authenticatedGauge, connectionsGauge, Jt808Counters } from './counters.ts';
import type { TerminalInfo } from './handlers.ts';
import { Session } from './session.ts';

export const HIGH_WATER = 20_000;

export class Jt808Server implements Component {
  readonly name = 'jt808';
  readonly counters: Jt808Counters;
  private readonly guard: ConnectionGuard;
  private server?: Server;
  private readonly sessions = new Map<Socket, Session>();
  private terminals = new Map<string, TerminalInfo>();
  private readonly paused = new Set<Socket>();
  private draining = false;
  private timer?: NodeJS.Timeout;
  private stats = { connections: 0, refusedConnections: 0, closedGarbage: 0, unpositioned: 0 };
  private error?: string;

  constructor(
    private readonly ctx: AppContext,
    private readonly cfg: Jt808Config,
    private readonly telemetry: TelemetryService,
  ) {
    this.counters = new Jt808Counters((p) => this.terminals.has(phoneKey(p)));
    this.guard = new ConnectionGuard('jt808', connectionLimits(cfg.connections), ctx.log);
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.cfg.port;
  }

  async start(): Promise<void> {
    const key = this.cfg.terminals.some((t) => !t.authCode) ? loadKey(this.ctx.dataDir) : Buffer.alloc(0);
    this.terminals = new Map(
      this.cfg.terminals.map((t) => {
        const work = t.work ?? this.cfg.work;
        const info: TerminalInfo = {
          phone: t.phone,
          vehicle: t.vehicle,
          authCode: t.authCode ?? deriveAuthCode(key, t.phone),
          ...(work ? { work } : {}),
        };
        return [phoneKey(t.phone), info] as const;
      }),
    );
    const server = createServer((socket) => this.connected(socket));
    server.maxConnections = this.cfg.maxConnections;
    server.on('drop', () => this.stats.refusedConnections++);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.cfg.port, this.cfg.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => {
      this.error = err.message;
      this.ctx.log.error({ err }, 'jt808 server error');
    });
    this.timer = setInterval(() => this.expire(), 1000);
    this.timer.unref();
    this.ctx.log.info({ host: this.cfg.host, port: this.port, terminals: this.terminals.size }, 'JT/T 808 listening');
  }

  private connected(socket: Socket): void {
    if (!this.guard.admit(socket)) return;
    socket.setNoDelay(true);
    this.stats.connections++;
    const session = new Session({
      terminal: (phone) => this.terminals.get(phoneKey(phone)),
      ingest: (fix, ack) => this.telemetry.ingestFix(fix, ack),
      connection: (vehicle, state, reason) => {
        if (state === 'online') this.guard.established(socket); // authenticated: the handshake deadline is met
        this.telemetry.connection(vehicle, state, reason);
      },
      reject: (reason, phone, detail, s) => {
        this.counters.rejected(reason, phone ?? s.terminal?.phone);
        this.ctx.log.debug({ reason, phone: phone ?? s.terminal?.phone, detail }, 'jt808 frame refused');
      },
      unpositioned: () => this.stats.unpositioned++,
      now: () => this.ctx.clock.now(),
      send: (bytes) => {
        if (socket.destroyed) return;
        if (!socket.writableCorked) {
          socket.cork(); // the replies of one turn (a whole store write's acks) leave in one write
          process.nextTick(() => socket.uncork());
        }
        socket.write(bytes);
      },
      close: (why) => {
        this.stats.closedGarbage++;
        this.ctx.log.warn({ remote: socket.remoteAddress, why }, 'jt808 connection closed: only garbage');
        socket.destroy();
      },
      throttle: (pause) => (pause ? socket.pause() : this.paused.has(socket) || socket.resume()),
      maxInFlight: this.cfg.maxInFlight,
      subpackageTimeoutMs: this.cfg.subpackageTimeoutSeconds * 1000,
      maxMessageBytes: this.cfg.maxMessageBytes,
    });
    this.sessions.set(socket, session);
    socket.on('data', (chunk: Buffer) => {
      try {
        session.push(chunk);
      } catch (err) {
        // a bug, not bad input (bad input is counted and skipped inside the session): drop this connection only
        this.ctx.log.error({ err, remote: socket.remoteAddress }, 'jt808 session failed; connection closed');
        socket.destroy();
      }
      if (this.telemetry.pending > HIGH_WATER) this.pauseForPipeline(socket);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      session.closed = true;
      this.sessions.delete(socket);
      this.paused.delete(socket);
      const t = session.state.terminal;
      if (t) this.telemetry.connection(t.vehicle, 'disconnect', 'jt808 connection closed');
    });
  }

  /** Back-pressure: stop reading this socket until the pipeline has drained what it holds. */
  private pauseForPipeline(socket: Socket): void {
    socket.pause();
    this.paused.add(socket);
    if (this.draining) return;
    this.draining = true;
    void this.telemetry.idle().then(() => {
      this.draining = false;
      for (const s of this.paused) {
        const session = this.sessions.get(s);
        if (session && session.state.inFlight < this.cfg.maxInFlight) s.resume();
      }
      this.paused.clear();
    });
  }

  /** Every second: sub-packages that timed out; the gauges (counted here, not on every login). */
  private expire(): void {
    const now = this.ctx.clock.now();
    let authenticated = 0;
    for (const s of this.sessions.values()) {
      s.expire(now);
      if (s.state.terminal) authenticated++;
    }
    connectionsGauge.set(this.sessions.size);
    authenticatedGauge.set(authenticated);
  }

  private authenticated(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.state.terminal) n++;
    return n;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.guard.close();
    const server = this.server;
    if (!server) return;
    const closed = server.listening ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve();
    for (const socket of this.sessions.keys()) socket.destroy();
    await closed;
  }

  health(): ComponentHealth {
    if (!this.server?.listening) return { state: 'down', detail: this.error ?? 'not listening' };
    const rejected = Object.fromEntries(Object.entries(this.counters.reasons()).map(([k, v]) => [`rejected.${k}`, v]));
    return {
      state: 'ok',
      detail:
        `JT/T 808 on ${this.cfg.host}:${this.port}; ${this.sessions.size} connections, ` +
        `${this.authenticated()} authenticated`,
      stats: {
        open: this.sessions.size,
        ...prefixed('guard', this.guard.stats()),
        authenticated: this.authenticated(),
        ...this.stats,
        rejected: this.counters.total,
        ...rejected,
      },
    };
  }
}

const prefixed = (p: string, o: object): Record<string, number> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}.${k}`, Number(v)]));
