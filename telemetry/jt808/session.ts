/**
 * One terminal connection: bytes → frames → (sub-packages reassembled) → messages handled (handlers.ts).
 * A bad frame is counted with its reason and skipped; the connection stays. A connection that has sent only bad
 * frames or unframed bytes (no valid frame yet) is closed after `GARBAGE_FRAMES` frames or `GARBAGE_BYTES` bytes.
 */
import { decodeFrame, encodeFrame, type Frame, type FrameReason } from './codec.ts';
import { handleMessage, type HandlerDeps, type SessionState } from './handlers.ts';
import type { Header } from './header.ts';
import { MSG, type ReplyResult, encodeGeneralReply } from './messages.ts';
import { FrameSplitter } from './splitter.ts';
import { Reassembler } from './subpackages.ts';

export const GARBAGE_FRAMES = 8;
export const GARBAGE_BYTES = 4096;
/** Largest escaped frame: a 2019 header with sub-package fields, 1023 body bytes and the check code, all escaped. */
export const MAX_FRAME_BYTES = 2 * (21 + 1023 + 1);

export interface SessionDeps extends HandlerDeps {
  readonly send: (bytes: Buffer) => void;
  /** Close the connection (garbage only). */
  readonly close: (why: string) => void;
  /** Reports in flight crossed the limit (true) or fell back below half of it (false). */
  readonly throttle: (paused: boolean) => void;
  readonly maxInFlight: number;
  readonly subpackageTimeoutMs: number;
  readonly maxMessageBytes: number;
}

export class Session {
  readonly state: SessionState = { inFlight: 0 };
  private readonly splitter: FrameSplitter;
  private readonly parts: Reassembler;
  private serial = 0;
  private validFrames = 0;
  private badFrames = 0;
  private badBytes = 0;
  private throttled = false;
  closed = false;

  constructor(private readonly d: SessionDeps) {
    this.splitter = new FrameSplitter(MAX_FRAME_BYTES, {
      frame: (escaped) => this.frame(escaped),
      garbage: (kind, bytes) =>
        this.bad(kind, `${bytes} bytes ${kind === 'oversized' ? 'in one frame' : 'outside a frame'}`, undefined, bytes),
    });
    this.parts = new Reassembler({ timeoutMs: d.subpackageTimeoutMs, maxBytes: d.maxMessageBytes, maxOpen: 8 });
  }

  push(chunk: Buffer): void {
    if (!this.closed) this.splitter.push(chunk);
  }

  /** Drops sub-packaged messages that timed out (called by the server's timer). */
  expire(now: number): void {
    const n = this.parts.expire(now);
    for (let i = 0; i < n; i++) this.bad('subpackage_timeout', `parts missing after ${this.d.subpackageTimeoutMs} ms`);
  }

  get buffered(): number {
    return this.splitter.buffered;
  }

  private frame(escaped: Buffer) {
    if (this.closed) return;
    const r = decodeFrame(escaped);
    if (!r.ok) return this.bad(r.reason, r.detail, r.phone, escaped.length + 2);
    this.validFrames++;
    const f = r.frame;
    if (!f.header.packet) return this.message(f, [f.header.serial]);
    const a = this.parts.add(f, this.d.now());
    if (a.kind === 'error') return this.d.reject(a.reason, a.phone, a.detail, this.state);
    if (a.kind === 'complete') this.message(a.message.frame, a.message.serials);
  }

  private message(f: Frame, serials: readonly number[]): void {
    handleMessage(f, this.state, {
      ...this.d,
      reply: (result) => {
        for (const s of serials) this.replyTo(f.header, s, result);
      },
      replyRegister: (body) => this.send(f.header, MSG.registerReply, body),
      began: () => this.inFlight(1),
      ended: () => this.inFlight(-1),
    });
  }

  private inFlight(delta: number): void {
    this.state.inFlight += delta;
    const over = this.state.inFlight >= this.d.maxInFlight;
    const under = this.state.inFlight <= this.d.maxInFlight / 2;
    if (over && !this.throttled) {
      this.throttled = true;
      this.d.throttle(true);
    } else if (under && this.throttled) {
      this.throttled = false;
      this.d.throttle(false);
    }
  }

  private replyTo(h: Header, serial: number, result: ReplyResult): void {
    this.send(h, MSG.platformReply, encodeGeneralReply({ serial, msgId: h.msgId, result }));
  }

  private send(h: Header, msgId: number, body: Buffer): void {
    if (this.closed) return;
    const header: Header = {
      msgId,
      edition: h.edition,
      ...(h.protocolVersion !== undefined ? { protocolVersion: h.protocolVersion } : {}),
      phone: h.phone,
      serial: this.serial++ & 0xffff,
    };
    this.d.send(encodeFrame(header, body));
  }

  private bad(reason: FrameReason, detail: string, phone?: string, bytes = 0): void {
    this.d.reject(reason, phone, detail, this.state);
    this.badFrames++;
    this.badBytes += bytes;
    if (this.validFrames === 0 && (this.badFrames >= GARBAGE_FRAMES || this.badBytes >= GARBAGE_BYTES)) {
      this.closed = true;
      this.d.close(`no valid frame in ${this.badFrames} frames / ${this.badBytes} bytes`);
    }
  }
}
