/** Cuts ffmpeg's raw RGB24 byte stream into whole pictures of a known size. */

export class FrameSplitter {
  private readonly frameBytes: number;
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.frameBytes = width * height * 3;
    if (!(this.frameBytes > 0)) throw new Error(`bad frame size ${width}x${height}`);
  }

  /** Add bytes; returns every picture completed by them (each its own Buffer). */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.frameBytes) return [];
    const all = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.buffered);
    const out: Buffer[] = [];
    let offset = 0;
    while (this.buffered - offset >= this.frameBytes) {
      // Copy so a frame never pins the (possibly larger) chunk it came from.
      out.push(Buffer.from(all.subarray(offset, offset + this.frameBytes)));
      offset += this.frameBytes;
    }
    const rest = all.subarray(offset);
    this.chunks = rest.length ? [Buffer.from(rest)] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Bytes waiting for the rest of their picture. */
  get pending(): number {
    return this.buffered;
  }
}
