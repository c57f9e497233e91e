/**
 * A simulated JT/T 808 terminal (the client side): connects, registers when it has no auth code, authenticates,
 * sends a heartbeat 0x0002 every `heartbeatMs`, and sends locations as 0x0200 or batched 0x0704. A report counts as
 * delivered only when the platform answers it with 0x8001 result 0; a report unanswered when the connection drops
 * is sent again after the terminal has reconnected and re-authenticated (in its original order).
 */
import { connect, type Socket } from 'node:net';
import { decodeFrame, encodeFrame } from '../codec.ts';
import type { Edition, Header } from '../header.ts';
import { encodeBatch, encodeLocation, type Location } from '../location.ts';
import { decodeGeneralReply, decodeRegisterReply, encodeAuth, encodeRegister, MSG } from '../messages.ts';
import { FrameSplitter } from '../splitter.ts';

export interface TerminalOptions {
  readonly host: string;
  readonly port: number;
  readonly phone: string;
  readonly edition: Edition;
  /** Saved auth code; without one the terminal registers first. */
  readonly authCode?: string;
  /** Locations per 0x0704 batch; 1 = one 0x0200 each. */
  readonly batch?: number;
  /** Reports sent and not yet answered, at most. */
  readonly window?: number;
  readonly heartbeatMs?: number;
  readonly reconnectMs?: number;
  readonly plate?: string;
}

export interface TerminalStats {
  registrations: number;
  authentications: number;
  connections: number;
  /** Locations answered with result 0. */
  delivered: number;
  /** Locations sent again after a reconnect or a failure reply. */
  resent: number;
  /** Locations answered with result 2 or 3 (never sent again). */
  refused: number;
}

interface Report {
  readonly seq: number;
  readonly items: readonly Location[];
}

export class SimTerminal {
  readonly stats: TerminalStats = {
    registrations: 0,
    authentications: 0,
    connections: 0,
    delivered: 0,
    resent: 0,
    refused: 0,
  };
  /** Every location the platform acknowledged, in the order the acknowledgements came. */
  readonly acked: Location[] = [];
  private authCode?: string;
  private socket?: Socket;
  private serial = 0;
  private seq = 0;
  private queue: Report[] = [];
  private readonly inflight = new Map<number, Report>();
  private readonly waiting = new Map<number, (body: Buffer, msgId: number) => void>();
  private ready = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private heartbeat?: NodeJS.Timeout;
  private fatal?: Error;
  private loop?: Promise<void>;

  constructor(private readonly o: TerminalOptions) {
    if (o.authCode) this.authCode = o.authCode;
  }

  /** Connects (and keeps reconnecting) until stop(); resolves once first authenticated, rejects if refused. */
  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.loop = this.run(resolve, reject);
    });
  }

  /** Queue locations; they go out as the window allows. */
  send(items: readonly Location[]): void {
    const k = Math.max(1, this.o.batch ?? 1);
    for (let i = 0; i < items.length; i += k) this.queue.push({ seq: this.seq++, items: items.slice(i, i + k) });
    this.pump();
  }

  /** Resolves when every queued report has been acknowledged (or refused). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inflight.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  get pending(): number {
    return this.queue.length + this.inflight.size;
  }

  async stop(logout = true): Promise<void> {
    if (logout && this.ready) await this.request(MSG.logout, Buffer.alloc(0)).catch(() => undefined);
    this.stopped = true;
    this.socket?.destroy();
    await this.loop;
  }

  private async run(first: () => void, fail: (e: Error) => void): Promise<void> {
    let announced = false;
    while (!this.stopped) {
      try {
        await this.session(() => {
          if (announced) return;
          announced = true;
          first();
        });
      } catch (err) {
        if (this.fatal) {
          this.stopped = true;
          this.socket?.destroy();
          this.disconnected();
          return fail(this.fatal);
        }
        void err;
      }
      this.disconnected();
      if (!this.stopped) await new Promise((r) => setTimeout(r, this.o.reconnectMs ?? 200));
    }
  }

  /** One connection: log in, then serve until it closes. */
  private async session(onReady: () => void): Promise<void> {
    const socket = connect(this.o.port, this.o.host);
    this.socket = socket;
    socket.setNoDelay(true);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    const splitter = new FrameSplitter(8192, { frame: (f) => this.frame(f), garbage: () => undefined });
    socket.on('data', (c: Buffer) => splitter.push(c));
    await new Promise<void>((res, rej) => {
      socket.once('connect', res);
      socket.once('close', () => rej(new Error('connection refused')));
    });
    this.stats.connections++;
    await this.login();
    this.ready = true;
    this.heartbeat = setInterval(
      () => void this.request(MSG.heartbeat, Buffer.alloc(0)).catch(() => undefined),
      this.o.heartbeatMs ?? 30_000,
    );
    onReady();
    this.pump();
    await closed;
  }

  private async login(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.authCode) {
        const r = decodeRegisterReply(
          (await this.request(MSG.register, encodeRegister(this.registration(), this.o.edition))).body,
        );
        this.stats.registrations++;
        if (r.result !== 0 || !r.authCode) throw this.refused(`register refused, result ${r.result}`);
        this.authCode = r.authCode;
      }
      const a = decodeGeneralReply(
        (
          await this.request(
            MSG.auth,
            encodeAuth(
              { authCode: this.authCode, imei: '860000000000001', softwareVersion: 'gridwatch-sim' },
              this.o.edition,
            ),
          )
        ).body,
      );
      if (a.result === 0) {
        this.stats.authentications++;
        return;
      }
      this.authCode = undefined; // a stale code: register again once
    }
    throw this.refused('authentication refused');
  }

  private refused(why: string): Error {
    this.fatal = new Error(`terminal ${this.o.phone}: ${why}`);
    return this.fatal;
  }

  private registration() {
    return {
      province: 0,
      city: 0,
      maker: 'GWSIM',
      model: 'gridwatch-sim',
      terminalId: this.o.phone.slice(-7),
      plateColor: 1,
      plate: this.o.plate ?? 'SIM',
    };
  }

  private header(msgId: number): Header {
    const serial = this.serial++ & 0xffff;
    return this.o.edition === 2019
      ? { msgId, edition: 2019, protocolVersion: 1, phone: this.o.phone.padStart(20, '0'), serial }
      : { msgId, edition: 2013, phone: this.o.phone.padStart(12, '0'), serial };
  }

  /** Send and wait for the answer to this serial (0x8001 or 0x8100). */
  private request(msgId: number, body: Buffer): Promise<{ body: Buffer; msgId: number }> {
    const h = this.header(msgId);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiting.delete(h.serial);
        reject(new Error('no answer'));
      }, 10_000);
      this.waiting.set(h.serial, (b, id) => {
        clearTimeout(t);
        resolve({ body: b, msgId: id });
      });
      this.socket?.write(encodeFrame(h, body));
    });
  }

  private pump(): void {
    if (!this.ready || !this.socket) return;
    const window = this.o.window ?? 64;
    const socket = this.socket;
    socket.cork();
    process.nextTick(() => socket.uncork());
    while (this.inflight.size < window && this.queue.length > 0) {
      const r = this.queue.shift()!;
      const single = r.items.length === 1 && (this.o.batch ?? 1) === 1;
      const h = this.header(single ? MSG.location : MSG.batch);
      this.inflight.set(h.serial, r);
      this.socket.write(
        encodeFrame(h, single ? encodeLocation(r.items[0]!) : encodeBatch({ type: 0, items: r.items })),
      );
    }
    if (this.queue.length === 0 && this.inflight.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private frame(escaped: Buffer): void {
    const d = decodeFrame(escaped);
    if (!d.ok) return;
    const { header, body } = d.frame;
    const answered = body.length >= 2 ? body.readUInt16BE(0) : -1;
    const w = this.waiting.get(answered);
    if (w && (header.msgId === MSG.platformReply || header.msgId === MSG.registerReply)) {
      this.waiting.delete(answered);
      w(body, header.msgId);
      return;
    }
    if (header.msgId !== MSG.platformReply) return;
    const reply = decodeGeneralReply(body);
    const r = this.inflight.get(reply.serial);
    if (!r) return;
    this.inflight.delete(reply.serial);
    if (reply.result === 0) {
      this.stats.delivered += r.items.length;
      this.acked.push(...r.items);
    } else if (reply.result === 1) {
      this.stats.resent += r.items.length; // the platform could not take it now: send it again shortly
      this.queue.unshift(r);
      setTimeout(() => this.pump(), 500).unref();
      return;
    } else this.stats.refused += r.items.length;
    this.pump();
  }

  private disconnected(): void {
    this.ready = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const w of this.waiting.values()) w(Buffer.alloc(0), -1);
    this.waiting.clear();
    const back = [...this.inflight.values()];
    this.inflight.clear();
    for (const r of back) this.stats.resent += r.items.length;
    this.queue = [...back, ...this.queue].sort((a, b) => a.seq - b.seq);
  }
}
