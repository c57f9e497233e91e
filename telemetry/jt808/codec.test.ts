import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, encodeMessage } from './codec.ts';
import { wrapFrame } from './frame.ts';
import { encodeHeader } from './header.ts';
import { encodeLocation } from './location.ts';
import { MSG } from './messages.ts';
import { frame, header, PHONE_2013, PHONE_2019, sampleLocation } from './testing.ts';

const inner = (wire: Buffer): Buffer => wire.subarray(1, -1);

describe('frame codec', () => {
  it('2013 header: id, attributes, BCD[6] phone, serial (a heartbeat, byte for byte)', () => {
    const wire = frame(MSG.heartbeat, Buffer.alloc(0), 2013, 0x0102);
    // 7e | 0002 | 0000 | 013912345678 | 0102 | check code 31 | 7e
    expect(wire.toString('hex')).toBe('7e000200000139123456780102317e');
    const d = decodeFrame(inner(wire));
    expect(d).toEqual({ ok: true, frame: { header: header(MSG.heartbeat, 2013, 0x0102), body: Buffer.alloc(0) } });
  });

  it('2019 header: version flag bit 14, protocol version byte, BCD[10] phone', () => {
    const body = encodeLocation(sampleLocation());
    const wire = frame(MSG.location, body, 2019, 7);
    const raw = inner(wire);
    expect(raw.readUInt16BE(2) & (1 << 14)).not.toBe(0);
    const d = decodeFrame(raw);
    if (!d.ok) throw new Error(d.detail);
    expect(d.frame.header).toEqual({ msgId: 0x0200, edition: 2019, protocolVersion: 1, phone: PHONE_2019, serial: 7 });
    expect(d.frame.body).toEqual(body);
  });

  it('0x7e and 0x7d inside the body survive the round trip', () => {
    const body = Buffer.from([0x7e, 0x7d, 0x7e, 0x7e, 0x7d, 0x01, 0x02]);
    const wire = frame(0x0f00, body);
    expect(wire.subarray(1, -1).includes(0x7e)).toBe(false);
    const d = decodeFrame(inner(wire));
    expect(d.ok && d.frame.body).toEqual(body);
  });

  it('a check code that itself needs escaping', () => {
    // choose a serial so that the XOR of the frame is 0x7e, then 0x7d
    for (const want of [0x7e, 0x7d]) {
      const probe = Buffer.concat([encodeHeader(header(0x0002, 2013, 0), 0)]);
      const x = probe.reduce((a, b) => a ^ b, 0);
      const serial = (x ^ want) & 0xff; // the low serial byte flips the XOR
      const wire = frame(0x0002, Buffer.alloc(0), 2013, serial);
      expect(wire[wire.length - 3]).toBe(0x7d);
      expect(wire[wire.length - 2]).toBe(want === 0x7e ? 0x02 : 0x01);
      const d = decodeFrame(inner(wire));
      expect(d.ok && d.frame.header.serial).toBe(serial);
    }
  });

  it('refuses with a reason: check code, escape, length, short, BCD, encryption, sub-package numbers', () => {
    const good = inner(frame(MSG.location, encodeLocation(sampleLocation())));
    const flip = Buffer.from(good);
    flip[20] = flip[20]! ^ 0x10;
    expect(decodeFrame(flip)).toMatchObject({ ok: false, reason: 'bad_check_code' });
    expect(decodeFrame(Buffer.from([0x00, 0x7d, 0x05]))).toMatchObject({ ok: false, reason: 'bad_escape' });
    expect(decodeFrame(Buffer.alloc(5))).toMatchObject({ ok: false, reason: 'too_short' });
    const h = encodeHeader(header(0x0200), 10); // says 10 body bytes, sends 3
    expect(decodeFrame(inner(wrapFrame(Buffer.concat([h, Buffer.alloc(3)]))))).toMatchObject({
      ok: false,
      reason: 'bad_length',
      phone: PHONE_2013,
    });
    const badPhone = encodeHeader(header(0x0002), 0);
    badPhone[4] = 0xab;
    expect(decodeFrame(inner(wrapFrame(badPhone)))).toMatchObject({ ok: false, reason: 'bad_header' });
    const rsa = inner(encodeFrame({ ...header(0x0200), encryption: 1 }, Buffer.alloc(4)));
    expect(decodeFrame(rsa)).toMatchObject({ ok: false, reason: 'encrypted' });
    const sub = inner(encodeFrame({ ...header(0x0704), packet: { total: 2, seq: 3 } }, Buffer.alloc(4)));
    expect(decodeFrame(sub)).toMatchObject({ ok: false, reason: 'bad_subpackage', detail: 'sub-package 3 of 2' });
  });

  it('splits a long body into sub-packages with consecutive serials', () => {
    const body = Buffer.alloc(2500, 0x7e);
    const wires = encodeMessage(header(MSG.batch, 2019, 65535), body);
    expect(wires).toHaveLength(3);
    const frames = wires.map((w) => decodeFrame(inner(w)));
    expect(frames.map((f) => f.ok && [f.frame.header.serial, f.frame.header.packet])).toEqual([
      [65535, { total: 3, seq: 1 }],
      [0, { total: 3, seq: 2 }],
      [1, { total: 3, seq: 3 }],
    ]);
    expect(() => encodeFrame(header(MSG.batch), Buffer.alloc(1024))).toThrow(/over 1023/);
  });
});
