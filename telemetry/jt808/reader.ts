/** Bounds-checked reading of a message body; a short or bad body throws BodyError naming the field. */
const gbk = new TextDecoder('gbk');

export class BodyError extends Error {}

export class Reader {
  private o = 0;
  constructor(private readonly buf: Buffer) {}

  get offset(): number {
    return this.o;
  }

  get left(): number {
    return this.buf.length - this.o;
  }

  private need(n: number, field: string): void {
    if (this.o + n > this.buf.length)
      throw new BodyError(`field "${field}" needs ${n} bytes at offset ${this.o}, the body has ${this.buf.length}`);
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.o++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16BE(this.o);
    this.o += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = this.buf.readUInt32BE(this.o);
    this.o += 4;
    return v;
  }

  bytes(n: number, field: string): Buffer {
    this.need(n, field);
    const v = this.buf.subarray(this.o, this.o + n);
    this.o += n;
    return v;
  }

  /** A fixed-width text field: GBK, trailing NULs and spaces removed. */
  text(n: number, field: string): string {
    return decodeText(this.bytes(n, field));
  }

  /** The rest of the body as GBK text. */
  rest(): string {
    return decodeText(this.bytes(this.left, 'rest'));
  }
}

export function decodeText(b: Buffer): string {
  return gbk.decode(b).replace(/[\0 ]+$/, '');
}

/** ASCII text into a fixed-width field, NUL-padded on the right. */
export function fixedText(s: string, n: number): Buffer {
  const out = Buffer.alloc(n);
  out.write(s.slice(0, n), 'latin1');
  return out;
}
