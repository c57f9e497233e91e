/**
 * One frame candidate (the escaped bytes between two flags) → header and body, or the reason it is refused;
 * and header + body → the bytes on the wire (sub-packages when the body is over 1023 bytes).
 */
import { checkCode, unescapeFrame, wrapFrame } from './frame.ts';
import { decodeHeader, encodeHeader, MAX_BODY, type Header } from './header.ts';

export interface Frame {
  readonly header: Header;
  readonly body: Buffer;
}

export const FRAME_REASONS = [
  'unframed',
  'oversized',
  'bad_escape',
  'too_short',
  'bad_check_code',
  'bad_header',
  'bad_length',
  'encrypted',
  'bad_subpackage',
  'subpackage_timeout',
  'subpackage_overflow',
  'bad_body',
  'unsupported_message',
  'unknown_terminal',
  'not_authenticated',
  'auth_failed',
  'phone_mismatch',
] as const;
export type FrameReason = (typeof FRAME_REASONS)[number];

export interface FrameError {
  readonly reason: FrameReason;
  readonly detail: string;
  /** The phone in the header when it could be read. */
  readonly phone?: string;
}

export type Decoded = { readonly ok: true; readonly frame: Frame } | ({ readonly ok: false } & FrameError);

const fail = (reason: FrameReason, detail: string, phone?: string): Decoded =>
  phone === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, phone };

export function decodeFrame(escaped: Buffer): Decoded {
  const raw = unescapeFrame(escaped);
  if (raw === null) return fail('bad_escape', '0x7d not followed by 0x01 or 0x02');
  if (raw.length < 13) return fail('too_short', `${raw.length} bytes, a frame needs at least 13`);
  const end = raw.length - 1;
  const cc = checkCode(raw, 0, end);
  if (cc !== raw[end]) return fail('bad_check_code', `check code 0x${hex(raw[end]!)}, computed 0x${hex(cc)}`);
  const h = decodeHeader(raw, end);
  if (!h.ok) return fail(h.reason, h.detail);
  const { header, bodyStart, bodyLength } = h;
  if (bodyStart + bodyLength !== end)
    return fail('bad_length', `body length ${bodyLength} in the header, ${end - bodyStart} bytes sent`, header.phone);
  if (header.encryption)
    return fail('encrypted', `encryption bits ${header.encryption}: encrypted bodies are not supported`, header.phone);
  const p = header.packet;
  if (p && (p.total < 1 || p.seq < 1 || p.seq > p.total))
    return fail('bad_subpackage', `sub-package ${p.seq} of ${p.total}`, header.phone);
  return { ok: true, frame: { header, body: raw.subarray(bodyStart, end) } };
}

/** A message → wire bytes: one frame, or sub-packages with consecutive serials from header.serial. */
export function encodeMessage(header: Header, body: Buffer, maxBody = MAX_BODY): Buffer[] {
  if (body.length <= maxBody && !header.packet) return [encodeFrame(header, body)];
  const total = Math.max(1, Math.ceil(body.length / maxBody));
  const out: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    const part = body.subarray(i * maxBody, (i + 1) * maxBody);
    out.push(encodeFrame({ ...header, serial: (header.serial + i) & 0xffff, packet: { total, seq: i + 1 } }, part));
  }
  return out;
}

export function encodeFrame(header: Header, body: Buffer): Buffer {
  return wrapFrame(Buffer.concat([encodeHeader(header, body.length), body]));
}

const hex = (n: number): string => n.toString(16).padStart(2, '0');
