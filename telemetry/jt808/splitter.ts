/**
 * Cuts a TCP byte stream into frame candidates: the bytes between two 0x7e flags. Empty segments (a flag shared
 * by two frames, or 0x7e 0x7e) are skipped. Bytes before the first flag are reported as garbage; a segment longer
 * than `maxBytes` is reported once as oversized and skipped up to the next flag.
 */
import { FLAG } from './frame.ts';

export interface SplitterSink {
  /** Escaped bytes between two flags (flags removed). */
  frame(escaped: Buffer): void;
  /** Bytes that cannot be a frame: before the first flag, or a segment over the size limit. */
  garbage(kind: 'unframed' | 'oversized', bytes: number): void;
}

export class FrameSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  /** Seen a flag: the bytes collected are a frame candidate (else leading garbage). */
  private framed = false;
  private oversized = false;

  constructor(
    private readonly maxBytes: number,
    private readonly sink: SplitterSink,
  ) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(FLAG, from);
      // the unfinished tail is copied: a slice would keep the socket's whole chunk alive
      if (at < 0) {
        this.collect(Buffer.from(chunk.subarray(from)));
        return;
      }
      this.collect(chunk.subarray(from, at));
      this.cut();
      from = at + 1;
    }
  }

  /** Bytes held for an unfinished segment. */
  get buffered(): number {
    return this.length;
  }

  private collect(part: Buffer): void {
    if (part.length === 0) return;
    if (this.oversized) {
      this.length += part.length;
      return;
    }
    if (this.length + part.length > this.maxBytes) {
      this.oversized = true;
      this.parts = [];
      this.length += part.length;
      return;
    }
    this.parts.push(part);
    this.length += part.length;
  }

  private cut(): void {
    const { length, framed, oversized } = this;
    const parts = this.parts;
    this.parts = [];
    this.length = 0;
    this.framed = true;
    this.oversized = false;
    if (length === 0) return;
    if (oversized) this.sink.garbage('oversized', length);
    else if (!framed) this.sink.garbage('unframed', length);
    else this.sink.frame(parts.length === 1 ? parts[0]! : Buffer.concat(parts, length));
  }
}
