/**
 * Reassembly of sub-packaged messages (body attribute bit 13). The parts of one message carry consecutive serials
 * and `seq` 1…`total`; they may arrive in any order. A message is keyed by id, total and the serial of part 1.
 * Bounded: at most `maxBytes` held per message, `maxOpen` messages per connection (the oldest is dropped), and
 * `timeoutMs` from the first part (dropped by `expire`).
 */
import type { Frame, FrameError } from './codec.ts';

export interface Reassembled {
  readonly frame: Frame;
  /** Serials of every part, to acknowledge each one. */
  readonly serials: readonly number[];
}

export type AddResult =
  | { readonly kind: 'complete'; readonly message: Reassembled }
  | { readonly kind: 'pending' }
  | ({ readonly kind: 'error' } & FrameError);

interface Open {
  readonly first: Frame;
  readonly parts: Map<number, Buffer>;
  readonly serials: number[];
  readonly since: number;
  bytes: number;
}

export interface ReassemblerOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxOpen: number;
}

export class Reassembler {
  private readonly open = new Map<string, Open>();

  constructor(private readonly o: ReassemblerOptions) {}

  get pending(): number {
    return this.open.size;
  }

  add(f: Frame, now: number): AddResult {
    const p = f.header.packet!;
    const phone = f.header.phone;
    const base = (f.header.serial - (p.seq - 1)) & 0xffff;
    const key = `${f.header.msgId}:${p.total}:${base}`;
    let m = this.open.get(key);
    if (!m) {
      m = { first: f, parts: new Map(), serials: [], since: now, bytes: 0 };
      this.open.set(key, m);
    }
    const again = m.parts.get(p.seq); // a part sent twice: the later copy wins
    if (again) m.bytes -= again.length;
    else m.serials.push(f.header.serial);
    m.parts.set(p.seq, Buffer.from(f.body)); // copied: the frame's buffer is the socket's
    m.bytes += f.body.length;
    if (m.bytes > this.o.maxBytes) {
      this.open.delete(key);
      return { kind: 'error', reason: 'subpackage_overflow', detail: `message over ${this.o.maxBytes} bytes`, phone };
    }
    if (m.parts.size === p.total) {
      this.open.delete(key);
      const { packet: _packet, ...header } = m.first.header;
      const body = Buffer.concat(
        Array.from({ length: p.total }, (_, i) => m.parts.get(i + 1)!),
        m.bytes,
      );
      return {
        kind: 'complete',
        message: { frame: { header: { ...header, serial: base }, body }, serials: m.serials },
      };
    }
    if (this.open.size > this.o.maxOpen) {
      const oldest = this.open.keys().next().value as string;
      this.open.delete(oldest);
      return {
        kind: 'error',
        reason: 'subpackage_overflow',
        detail: `more than ${this.o.maxOpen} sub-packaged messages open at once; the oldest was dropped`,
        phone,
      };
    }
    return { kind: 'pending' };
  }

  /** Drops messages older than the timeout; returns how many. */
  expire(now: number): number {
    let n = 0;
    for (const [k, m] of this.open) {
      if (now - m.since < this.o.timeoutMs) continue;
      this.open.delete(k);
      n++;
    }
    return n;
  }
}
