/**
 * JT/T 808 message bodies other than locations (location.ts): terminal register 0x0100 and its reply 0x8100,
 * authentication 0x0102, the general replies 0x0001 (terminal) and 0x8001 (platform). Heartbeat 0x0002 and
 * logout 0x0003 have empty bodies.
 */
import type { Edition } from './header.ts';
import { BodyError, fixedText, Reader } from './reader.ts';

export const MSG = {
  terminalReply: 0x0001,
  heartbeat: 0x0002,
  logout: 0x0003,
  register: 0x0100,
  auth: 0x0102,
  location: 0x0200,
  batch: 0x0704,
  platformReply: 0x8001,
  registerReply: 0x8100,
} as const;

/** 0x8001 / 0x0001 result: 0 success, 1 failure, 2 message error, 3 not supported, 4 alarm confirmed. */
export type ReplyResult = 0 | 1 | 2 | 3 | 4;
/** 0x8100 result: 0 success, 1 vehicle registered, 2 no such vehicle, 3 terminal registered, 4 no such terminal. */
export type RegisterResult = 0 | 1 | 2 | 3 | 4;

export interface GeneralReply {
  readonly serial: number;
  readonly msgId: number;
  readonly result: ReplyResult;
}

export function encodeGeneralReply(r: GeneralReply): Buffer {
  const b = Buffer.alloc(5);
  b.writeUInt16BE(r.serial, 0);
  b.writeUInt16BE(r.msgId, 2);
  b[4] = r.result;
  return b;
}

export function decodeGeneralReply(body: Buffer): GeneralReply {
  const r = new Reader(body);
  const serial = r.u16('reply serial');
  const msgId = r.u16('reply id');
  const result = r.u8('result');
  if (result > 4) throw new BodyError(`field "result" is ${result}, outside 0..4`);
  return { serial, msgId, result: result as ReplyResult };
}

export interface Register {
  readonly province: number;
  readonly city: number;
  readonly maker: string;
  readonly model: string;
  readonly terminalId: string;
  readonly plateColor: number;
  /** Plate number (GBK), or the VIN when plateColor is 0. */
  readonly plate: string;
}

const widths = (e: Edition): [number, number, number] => (e === 2019 ? [11, 30, 30] : [5, 20, 7]);

export function encodeRegister(m: Register, e: Edition): Buffer {
  const [mk, md, id] = widths(e);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(m.province, 0);
  head.writeUInt16BE(m.city, 2);
  return Buffer.concat([
    head,
    fixedText(m.maker, mk),
    fixedText(m.model, md),
    fixedText(m.terminalId, id),
    Buffer.from([m.plateColor]),
    Buffer.from(m.plate, 'latin1'),
  ]);
}

export function decodeRegister(body: Buffer, e: Edition): Register {
  const [mk, md, id] = widths(e);
  const r = new Reader(body);
  return {
    province: r.u16('province'),
    city: r.u16('city'),
    maker: r.text(mk, 'maker'),
    model: r.text(md, 'model'),
    terminalId: r.text(id, 'terminal id'),
    plateColor: r.u8('plate colour'),
    plate: r.rest(),
  };
}

export interface RegisterReply {
  readonly serial: number;
  readonly result: RegisterResult;
  /** Only with result 0. */
  readonly authCode?: string;
}

export function encodeRegisterReply(m: RegisterReply): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt16BE(m.serial, 0);
  head[2] = m.result;
  return m.result === 0 && m.authCode ? Buffer.concat([head, Buffer.from(m.authCode, 'latin1')]) : head;
}

export function decodeRegisterReply(body: Buffer): RegisterReply {
  const r = new Reader(body);
  const serial = r.u16('reply serial');
  const result = r.u8('result');
  if (result > 4) throw new BodyError(`field "result" is ${result}, outside 0..4`);
  const authCode = r.left > 0 ? r.rest() : undefined;
  return { serial, result: result as RegisterResult, ...(authCode !== undefined ? { authCode } : {}) };
}

export interface Auth {
  readonly authCode: string;
  /** 2019 only. */
  readonly imei?: string;
  readonly softwareVersion?: string;
}

export function encodeAuth(m: Auth, e: Edition): Buffer {
  const code = Buffer.from(m.authCode, 'latin1');
  if (e === 2013) return code;
  return Buffer.concat([
    Buffer.from([code.length]),
    code,
    fixedText(m.imei ?? '', 15),
    fixedText(m.softwareVersion ?? '', 20),
  ]);
}

export function decodeAuth(body: Buffer, e: Edition): Auth {
  const r = new Reader(body);
  if (e === 2013) return { authCode: r.rest() };
  const n = r.u8('auth code length');
  const authCode = r.text(n, 'auth code');
  return { authCode, imei: r.text(15, 'IMEI'), softwareVersion: r.text(20, 'software version') };
}
