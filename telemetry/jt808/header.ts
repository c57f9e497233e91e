/**
 * The JT/T 808 message header. Body attributes (WORD): bits 0–9 body length, 10–12 encryption (bit 10 = RSA),
 * bit 13 sub-package, bit 14 version flag (set from the 2019 edition on), bit 15 reserved.
 *   2013: id WORD · attributes WORD · phone BCD[6]  · serial WORD [· total WORD · seq WORD]   12 (+4) bytes
 *   2019: id WORD · attributes WORD · version BYTE · phone BCD[10] · serial WORD [· total · seq]  17 (+4) bytes
 */
import { decodeBcd, encodeBcd } from './bcd.ts';

export type Edition = 2013 | 2019;

export interface Header {
  readonly msgId: number;
  readonly edition: Edition;
  /** 2019 protocol version byte (1 for the 2019 edition). */
  readonly protocolVersion?: number;
  /** The terminal phone number: 12 digits (2013) or 20 (2019), leading zeros kept. */
  readonly phone: string;
  readonly serial: number;
  /** Encryption bits 10–12 (0 = none). */
  readonly encryption?: number;
  /** Sub-package: `seq` of `total`, 1-based. */
  readonly packet?: { readonly total: number; readonly seq: number };
}

export const MAX_BODY = 1023;
const SUB = 1 << 13;
const V2019 = 1 << 14;

export function headerLength(edition: Edition, sub: boolean): number {
  return (edition === 2019 ? 17 : 12) + (sub ? 4 : 0);
}

export function encodeHeader(h: Header, bodyLength: number): Buffer {
  if (bodyLength > MAX_BODY) throw new RangeError(`body of ${bodyLength} bytes: over ${MAX_BODY}, send sub-packages`);
  const v19 = h.edition === 2019;
  const out = Buffer.alloc(headerLength(h.edition, h.packet !== undefined));
  out.writeUInt16BE(h.msgId, 0);
  const attrs = bodyLength | ((h.encryption ?? 0) << 10) | (h.packet ? SUB : 0) | (v19 ? V2019 : 0);
  out.writeUInt16BE(attrs, 2);
  let o = 4;
  if (v19) out[o++] = h.protocolVersion ?? 1;
  encodeBcd(h.phone, v19 ? 10 : 6).copy(out, o);
  o += v19 ? 10 : 6;
  out.writeUInt16BE(h.serial & 0xffff, o);
  if (h.packet) {
    out.writeUInt16BE(h.packet.total, o + 2);
    out.writeUInt16BE(h.packet.seq, o + 4);
  }
  return out;
}

export type HeaderResult =
  | { readonly ok: true; readonly header: Header; readonly bodyStart: number; readonly bodyLength: number }
  | { readonly ok: false; readonly reason: 'too_short' | 'bad_header'; readonly detail: string };

/** Reads the header of an unescaped frame (check code already verified and excluded: `end`). */
export function decodeHeader(buf: Buffer, end: number): HeaderResult {
  if (end < 12) return { ok: false, reason: 'too_short', detail: `${end} bytes, a header needs at least 12` };
  const msgId = buf.readUInt16BE(0);
  const attrs = buf.readUInt16BE(2);
  const edition: Edition = attrs & V2019 ? 2019 : 2013;
  const sub = (attrs & SUB) !== 0;
  const hl = headerLength(edition, sub);
  if (end < hl) return { ok: false, reason: 'too_short', detail: `${end} bytes, a ${edition} header needs ${hl}` };
  const v19 = edition === 2019;
  const phone = decodeBcd(buf, v19 ? 5 : 4, v19 ? 10 : 6);
  if (phone === null) return { ok: false, reason: 'bad_header', detail: 'terminal phone number is not BCD' };
  const o = v19 ? 15 : 10;
  const encryption = (attrs >> 10) & 7;
  const header: Header = {
    msgId,
    edition,
    ...(v19 ? { protocolVersion: buf[4]! } : {}),
    phone,
    serial: buf.readUInt16BE(o),
    ...(encryption ? { encryption } : {}),
    ...(sub ? { packet: { total: buf.readUInt16BE(o + 2), seq: buf.readUInt16BE(o + 4) } } : {}),
  };
  return { ok: true, header, bodyStart: hl, bodyLength: attrs & 0x3ff };
}
