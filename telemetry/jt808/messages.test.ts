import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from './codec.ts';
import type { Edition } from './header.ts';
import { decodeBatch, decodeLocation, encodeBatch, encodeLocation, STATUS } from './location.ts';
import {
  decodeAuth,
  decodeGeneralReply,
  decodeRegister,
  decodeRegisterReply,
  encodeAuth,
  encodeGeneralReply,
  encodeRegister,
  encodeRegisterReply,
  MSG,
} from './messages.ts';
import { header, sampleLocation } from './testing.ts';

/** Through the wire and back: encode the frame, decode it, return the body. */
function wire(msgId: number, body: Buffer, edition: Edition): Buffer {
  const d = decodeFrame(encodeFrame(header(msgId, edition), body).subarray(1, -1));
  if (!d.ok) throw new Error(d.detail);
  expect(d.frame.header.msgId).toBe(msgId);
  return d.frame.body;
}

describe.each([2013, 2019] as const)('every message, %i edition', (e) => {
  it('0x0100 terminal register', () => {
    const m = {
      province: 32,
      city: 1100,
      maker: 'GW001',
      model: 'T808-S',
      terminalId: 'A1B2C3D',
      plateColor: 2,
      plate: 'SUC-A1234',
    };
    expect(decodeRegister(wire(MSG.register, encodeRegister(m, e), e), e)).toEqual(m);
    expect(encodeRegister(m, e).length).toBe(e === 2019 ? 4 + 11 + 30 + 30 + 1 + 9 : 4 + 5 + 20 + 7 + 1 + 9);
  });

  it('0x8100 register reply: result and auth code', () => {
    const ok = { serial: 9, result: 0, authCode: 'ABCD2345EFGH6789' } as const;
    expect(decodeRegisterReply(wire(MSG.registerReply, encodeRegisterReply(ok), e))).toEqual(ok);
    const no = { serial: 9, result: 4 } as const;
    expect(decodeRegisterReply(wire(MSG.registerReply, encodeRegisterReply(no), e))).toEqual(no);
  });

  it('0x0102 authentication (2019: with IMEI and software version)', () => {
    const m =
      e === 2019
        ? { authCode: 'CODE1234', imei: '860000000000001', softwareVersion: 'V2.1.7' }
        : { authCode: 'CODE1234' };
    expect(decodeAuth(wire(MSG.auth, encodeAuth(m, e), e), e)).toEqual(m);
  });

  it('0x0001 / 0x8001 general replies', () => {
    const r = { serial: 65535, msgId: MSG.location, result: 2 } as const;
    expect(decodeGeneralReply(wire(MSG.platformReply, encodeGeneralReply(r), e))).toEqual(r);
    expect(decodeGeneralReply(wire(MSG.terminalReply, encodeGeneralReply({ ...r, result: 0 }), e))).toEqual({
      ...r,
      result: 0,
    });
  });

  it('0x0002 heartbeat and 0x0003 logout have empty bodies', () => {
    expect(wire(MSG.heartbeat, Buffer.alloc(0), e)).toHaveLength(0);
    expect(wire(MSG.logout, Buffer.alloc(0), e)).toHaveLength(0);
  });

  it('0x0200 location with every additional item', () => {
    const l = sampleLocation({ extras: { ...sampleLocation().extras, analog: 0x00120034, signalBits: 0x80 } });
    const d = decodeLocation(wire(MSG.location, encodeLocation(l), e));
    expect(d).toEqual({ ...l, status: l.status | STATUS.west });
  });

  it('0x0704 batch of locations (blind-area backfill)', () => {
    const items = [0, 1, 2].map((i) =>
      sampleLocation({ ts: sampleLocation().ts + i * 10_000, lat: (40_700_000 + i * 1000) / 1e6 }),
    );
    const b = decodeBatch(wire(MSG.batch, encodeBatch({ type: 1, items }), e));
    expect(b.type).toBe(1);
    expect(b.items.map((x) => [x.ts, x.lat])).toEqual(items.map((x) => [x.ts, x.lat]));
  });
});

describe('location fields', () => {
  it('south and west from status bits 2 and 3; 1e-6 degrees; 0.1 km/h; raw layout', () => {
    const body = encodeLocation(sampleLocation({ lat: -33.86882, lon: -151.209296, speedKmh: 0.5, extras: {} }));
    expect(body.length).toBe(28);
    expect(body.readUInt32BE(4) & (STATUS.south | STATUS.west)).toBe(STATUS.south | STATUS.west);
    expect(body.readUInt32BE(8)).toBe(33_868_820);
    expect(body.readUInt16BE(18)).toBe(5);
    expect(body.subarray(22, 28).toString('hex')).toBe('260302090203');
    expect(decodeLocation(body)).toMatchObject({ lat: -33.86882, lon: -151.209296, speedKmh: 0.5 });
  });

  it('keeps unknown and vendor items raw; refuses an item running past the body', () => {
    const body = Buffer.concat([encodeLocation(sampleLocation({ extras: {} })), Buffer.from([0xe1, 2, 0xaa, 0xbb])]);
    expect(decodeLocation(body).extras).toEqual({ other: { 225: Buffer.from([0xaa, 0xbb]) } });
    const cut = Buffer.concat([encodeLocation(sampleLocation({ extras: {} })), Buffer.from([0x01, 4, 0x00])]);
    expect(() => decodeLocation(cut)).toThrow(/additional item 0x1/);
  });

  it('refuses a short body, a bad time, an empty or over-long batch', () => {
    expect(() => decodeLocation(Buffer.alloc(20))).toThrow(/field "direction"|field "time"|needs/);
    const badTime = encodeLocation(sampleLocation({ extras: {} }));
    badTime[23] = 0x13; // month 13
    expect(() => decodeLocation(badTime)).toThrow(/field "time"/);
    expect(() => decodeBatch(Buffer.from([0, 0, 0]))).toThrow(/count/);
    const batch = encodeBatch({ type: 0, items: [sampleLocation()] });
    expect(() => decodeBatch(Buffer.concat([batch, Buffer.from([1])]))).toThrow(/after the 1 items/);
  });
});
