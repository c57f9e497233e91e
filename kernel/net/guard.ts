/**
 * Connection limits for any TCP listener (RTMP, MQTT, HTTP-FLV, JT/T 808, …): at most `maxPerAddress` open
 * connections from one peer address (the next one is destroyed at once), a handshake deadline (a connection that has
 * not been marked established `handshakeMs` after it opened is closed) and an idle timeout (no byte read or written
 * for `idleMs`), plus an optional cap on bytes queued for a peer that does not read (a slow client).
 *
 * Progress is measured from the socket's byte counters by one sweep timer per guard, not with socket.setTimeout,
 * which node's HTTP server rewrites for its own keep-alive handling.
 */
import type { Server, Socket } from 'node:net';
import type { Logger } from '../log.ts';

export interface ConnectionLimits {
  /** Open connections allowed from one peer address; the next one is refused (destroyed). */
  readonly maxPerAddress: number;
  /** Close a connection with no byte read or written for this long; 0 = never. */
  readonly idleMs: number;
  /** Close a connection not marked established (protocol handshake done) this long after it opened; 0 = never. */
  readonly handshakeMs: number;
  /** Close a connection whose unsent output exceeds this many bytes (a peer that stopped reading); 0 = no limit. */
  readonly maxBufferedBytes?: number;
}

export interface GuardStats {
  readonly open: number;
  readonly refused: number;
  readonly idleClosed: number;
  readonly handshakeClosed: number;
  readonly slowClosed: number;
}

interface Tracked {
  readonly address: string;
  readonly openedAt: number;
  established: boolean;
  progress: number;
  lastProgressAt: number;
}

/** "::ffff:10.0.0.1" → "10.0.0.1": one peer counts once whichever way it reached a dual-stack socket. */
export function peerAddress(socket: Socket): string {
  const a = socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

export class ConnectionGuard {
  private readonly sockets = new Map<Socket, Tracked>();
  private readonly perAddress = new Map<string, number>();
  private readonly lastWarned = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private counts = { refused: 0, idleClosed: 0, handshakeClosed: 0, slowClosed: 0 };

  constructor(
    private readonly name: string,
    private readonly limits: ConnectionLimits,
    private readonly log?: Logger,
  ) {}

  /** Track a new connection; false (and the socket destroyed) when its address is at the cap. */
  admit(socket: Socket): boolean {
    const address = peerAddress(socket);
    const n = this.perAddress.get(address) ?? 0;
    if (n >= this.limits.maxPerAddress) {
      this.counts.refused++;
      this.warn(address, `${this.name}: connection refused, ${n} already open from this address`);
      socket.destroy();
      return false;
    }
    this.perAddress.set(address, n + 1);
    const now = Date.now();
    this.sockets.set(socket, { address, openedAt: now, established: false, progress: 0, lastProgressAt: now });
    socket.once('close', () => this.forget(socket));
    this.arm();
    return true;
  }

  /** The protocol handshake is done on this socket: the handshake deadline no longer applies. */
  established(socket: Socket): void {
    const t = this.sockets.get(socket);
    if (t) t.established = true;
  }

  /** Open connections from `address` now. */
  openFrom(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  stats(): GuardStats {
    return { open: this.sockets.size, ...this.counts };
  }

  /** Stop the sweep timer (the sockets themselves belong to their server). */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Check every connection now (the sweep timer calls this). */
  sweep(now = Date.now()): void {
    const { idleMs, handshakeMs, maxBufferedBytes = 0 } = this.limits;
    for (const [socket, t] of this.sockets) {
      const progress = socket.bytesRead + socket.bytesWritten - socket.writableLength;
      if (progress !== t.progress) {
        t.progress = progress;
        t.lastProgressAt = now;
      }
      if (handshakeMs > 0 && !t.established && now - t.openedAt >= handshakeMs) {
        this.counts.handshakeClosed++;
        this.drop(socket, t, `no handshake within ${handshakeMs} ms`);
      } else if (idleMs > 0 && now - t.lastProgressAt >= idleMs) {
        this.counts.idleClosed++;
        this.drop(socket, t, `idle for ${idleMs} ms`);
      } else if (maxBufferedBytes > 0 && socket.writableLength > maxBufferedBytes) {
        this.counts.slowClosed++;
        this.drop(socket, t, `peer not reading: ${socket.writableLength} bytes queued`);
      }
    }
  }

  private drop(socket: Socket, t: Tracked, why: string): void {
    this.log?.debug({ listener: this.name, address: t.address, why }, 'connection closed by the guard');
    this.forget(socket);
    socket.destroy();
  }

  private forget(socket: Socket): void {
    const t = this.sockets.get(socket);
    if (!t) return;
    this.sockets.delete(socket);
    const n = (this.perAddress.get(t.address) ?? 1) - 1;
    if (n > 0) this.perAddress.set(t.address, n);
    else this.perAddress.delete(t.address);
    if (this.sockets.size === 0) this.close();
  }

  private arm(): void {
    if (this.timer) return;
    const periods = [this.limits.idleMs, this.limits.handshakeMs].filter((ms) => ms > 0);
    const every = Math.max(50, Math.min(1000, ...periods.map((ms) => ms / 4)));
    this.timer = setInterval(() => this.sweep(), every);
    this.timer.unref();
  }

  /** One warning per address per minute: a flood of refusals must not flood the log. */
  private warn(address: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastWarned.get(address) ?? 0) < 60_000) return;
    this.lastWarned.set(address, now);
    if (this.lastWarned.size > 10_000) this.lastWarned.clear();
    this.log?.warn({ listener: this.name, address, refused: this.counts.refused }, message);
  }
}

/**
 * Put `guard` in front of a server's existing 'connection' listeners (e.g. node-media-server's, aedes', node's HTTP
 * server's): a refused socket never reaches them. Call before the server accepts connections.
 */
export function guardServer(server: Server, guard: ConnectionGuard): void {
  const listeners = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    if (!guard.admit(socket)) return;
    for (const fn of listeners) fn.call(server, socket);
  });
}
