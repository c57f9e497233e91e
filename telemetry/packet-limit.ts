/**
 * A hard cap on the size of one MQTT packet, checked on the wire. aedes' parser (mqtt-packet) takes any remaining
 * length up to 256 MB and buffers the whole packet before anyone can refuse it; this reads only the fixed headers
 * (type byte + remaining-length varint) as the bytes go by and destroys the stream as soon as a header announces more
 * than `maxBytes`, so at most one read chunk of such a packet is ever held.
 */
import type { Duplex } from 'node:stream';

export class PacketSizeScanner {
  /** Bytes of the current packet's body still to skip. */
  private skip = 0;
  /** Inside a fixed header: -1 = expecting the type byte; 0..3 = varint bytes read so far. */
  private lenBytes = -1;
  private length = 0;
  private multiplier = 1;

  constructor(private readonly maxBytes: number) {}

  /** Feed the next bytes of the stream; returns an error text when a packet is too large or malformed. */
  push(chunk: Buffer): string | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.lenBytes === -1) {
        this.lenBytes = 0;
        this.length = 0;
        this.multiplier = 1;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lenBytes++;
      if (this.length > this.maxBytes)
        return `MQTT packet of ${this.length} bytes or more; the limit is ${this.maxBytes}`;
      if (byte & 0x80) {
        if (this.lenBytes === 4) return 'malformed MQTT remaining length';
        continue;
      }
      this.skip = this.length;
      this.lenBytes = -1;
    }
    return undefined;
  }
}

/**
 * Watch a connection's incoming bytes; `onTooLarge` runs (and the stream is destroyed) when a packet is too large.
 * A 'data' listener beside aedes' 'readable' one sees every chunk as aedes reads it (readable keeps the flow control).
 */
export function limitPacketSize(stream: Duplex, maxBytes: number, onTooLarge: (why: string) => void): void {
  const scanner = new PacketSizeScanner(maxBytes);
  const watch = (chunk: Buffer | string): void => {
    const why = scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (!why) return;
    stream.off('data', watch);
    onTooLarge(why);
    stream.destroy();
  };
  stream.on('data', watch);
}
