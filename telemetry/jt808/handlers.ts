/**
 * What the platform does with each message of an authenticated (or not yet authenticated) terminal.
 *   0x0100 register     known phone → 0x8100 result 0 + auth code; unknown → 0x8100 result 4 (no such terminal)
 *   0x0102 auth         right code → 0x8001 0, the connection is the terminal's; else 0x8001 1 (failure)
 *   0x0002 heartbeat, 0x0003 logout → 0x8001 0 (1 when not authenticated)
 *   0x0200, 0x0704      into the telemetry pipeline; 0x8001 0 once every fix is stored (or counted as rejected by
 *                       validation), 1 when the pipeline refused it (overload, store failure: send it again)
 *   0x0001              terminal's reply to a platform command: no answer
 *   anything else       0x8001 3 (not supported)
 * Before authentication nothing is taken in: 0x8001 1 and the refusal is counted.
 */
import { phoneKey, type Jt808WorkBit } from '../../kernel/config/jt808.ts';
import type { Ack } from '../pipeline.ts';
import type { DecodedFix } from '../types.ts';
import { sameCode } from './auth.ts';
import type { Frame, FrameReason } from './codec.ts';
import { toFix } from './fix.ts';
import { decodeBatch, decodeLocation, type Location, STATUS } from './location.ts';
import {
  decodeAuth,
  decodeGeneralReply,
  decodeRegister,
  encodeRegisterReply,
  MSG,
  type ReplyResult,
} from './messages.ts';
import { BodyError } from './reader.ts';

export interface TerminalInfo {
  /** As configured. */
  readonly phone: string;
  readonly vehicle: string;
  readonly authCode: string;
  readonly work?: Jt808WorkBit;
}

export interface SessionState {
  inFlight: number;
  /** Set by a successful 0x0102. */
  terminal?: TerminalInfo;
}

export interface HandlerDeps {
  readonly terminal: (phone: string) => TerminalInfo | undefined;
  readonly ingest: (fix: DecodedFix, ack: Ack) => void;
  readonly connection: (vehicleId: string, state: 'online' | 'offline', reason: string) => void;
  readonly reject: (reason: FrameReason, phone: string | undefined, detail: string, s: SessionState) => void;
  /** Counts a location without a fix (status bit 1 clear): acknowledged, not stored. */
  readonly unpositioned: (vehicleId: string) => void;
  readonly now: () => number;
}

export interface MessageContext extends HandlerDeps {
  readonly reply: (result: ReplyResult) => void;
  readonly replyRegister: (body: Buffer) => void;
  readonly began: () => void;
  readonly ended: () => void;
}

/** Handles one message; returns nothing (each branch returns what its reply call returns). */
export function handleMessage(f: Frame, s: SessionState, c: MessageContext) {
  const h = f.header;
  const refuse = (reason: FrameReason, detail: string, result: ReplyResult | null): void => {
    c.reject(reason, h.phone, detail, s);
    if (result !== null) c.reply(result);
  };
  if (s.terminal && phoneKey(s.terminal.phone) !== phoneKey(h.phone))
    return refuse('phone_mismatch', `phone ${h.phone} on the connection of ${s.terminal.phone}`, 1);
  try {
    switch (h.msgId) {
      case MSG.register: {
        decodeRegister(f.body, h.edition);
        const t = c.terminal(h.phone);
        if (!t) {
          c.reject('unknown_terminal', h.phone, `phone ${h.phone} is not in jt808.terminals`, s);
          return c.replyRegister(encodeRegisterReply({ serial: h.serial, result: 4 }));
        }
        return c.replyRegister(encodeRegisterReply({ serial: h.serial, result: 0, authCode: t.authCode }));
      }
      case MSG.auth: {
        const a = decodeAuth(f.body, h.edition);
        const t = c.terminal(h.phone);
        if (!t) return refuse('unknown_terminal', `phone ${h.phone} is not in jt808.terminals`, 1);
        if (!sameCode(a.authCode, t.authCode)) return refuse('auth_failed', 'wrong authentication code', 1);
        s.terminal = t;
        c.connection(t.vehicle, 'online', 'jt808 authenticated');
        return c.reply(0);
      }
      case MSG.heartbeat:
        return s.terminal ? c.reply(0) : refuse('not_authenticated', 'heartbeat before authentication', 1);
      case MSG.logout: {
        if (!s.terminal) return refuse('not_authenticated', 'logout before authentication', 1);
        c.connection(s.terminal.vehicle, 'offline', 'jt808 logout');
        s.terminal = undefined;
        return c.reply(0);
      }
      case MSG.terminalReply:
        if (!s.terminal) return refuse('not_authenticated', 'reply before authentication', null);
        decodeGeneralReply(f.body);
        return;
      case MSG.location:
      case MSG.batch: {
        if (!s.terminal) return refuse('not_authenticated', `0x0${h.msgId.toString(16)} before authentication`, 1);
        const items = h.msgId === MSG.location ? [decodeLocation(f.body)] : decodeBatch(f.body).items;
        return locations(items, s.terminal, c);
      }
      default:
        return refuse('unsupported_message', `message id 0x${h.msgId.toString(16).padStart(4, '0')}`, 3);
    }
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    refuse('bad_body', err.message, 2);
  }
}

/** Every fix into the pipeline; one reply when all of them are acknowledged (stored or counted as rejected). */
function locations(items: readonly Location[], t: TerminalInfo, c: MessageContext) {
  const at = c.now();
  const fixes = items.filter((l) => l.status & STATUS.positioned);
  for (let i = fixes.length; i < items.length; i++) c.unpositioned(t.vehicle);
  if (fixes.length === 0) return c.reply(0);
  let left = fixes.length;
  let failed = false;
  c.began();
  const ack: Ack = (err) => {
    if (err) failed = true;
    if (--left > 0) return;
    c.ended();
    c.reply(failed ? 1 : 0);
  };
  for (const l of fixes) c.ingest(toFix(t.vehicle, l, t.work, at), ack);
}
