import { describe, expect, it } from 'vitest';
import { checkCode, unescapeFrame, wrapFrame } from './frame.ts';

describe('framing: 0x7e flags, 0x7d escaping, XOR check code', () => {
  it('escapes 0x7e as 7d 02 and 0x7d as 7d 01 inside the frame', () => {
    const content = Buffer.from([0x30, 0x7e, 0x08, 0x7d, 0x55]);
    const cc = checkCode(content);
    const wire = wrapFrame(content);
    expect(wire).toEqual(Buffer.from([0x7e, 0x30, 0x7d, 0x02, 0x08, 0x7d, 0x01, 0x55, cc, 0x7e]));
    expect(unescapeFrame(wire.subarray(1, -1))).toEqual(Buffer.concat([content, Buffer.from([cc])]));
  });

  it('escapes a check code that is itself 0x7e or 0x7d', () => {
    const a = wrapFrame(Buffer.from([0x7e])); // XOR = 0x7e
    expect(a).toEqual(Buffer.from([0x7e, 0x7d, 0x02, 0x7d, 0x02, 0x7e]));
    const b = wrapFrame(Buffer.from([0x01, 0x7c])); // XOR = 0x7d
    expect(b).toEqual(Buffer.from([0x7e, 0x01, 0x7c, 0x7d, 0x01, 0x7e]));
    expect(unescapeFrame(b.subarray(1, -1))).toEqual(Buffer.from([0x01, 0x7c, 0x7d]));
  });

  it('refuses 0x7d followed by anything but 01 or 02, and a trailing 0x7d', () => {
    expect(unescapeFrame(Buffer.from([0x01, 0x7d, 0x03]))).toBeNull();
    expect(unescapeFrame(Buffer.from([0x01, 0x7d]))).toBeNull();
  });

  it('check code is the XOR of every byte', () => {
    expect(checkCode(Buffer.from([0x01, 0x02, 0x04]))).toBe(0x07);
    expect(checkCode(Buffer.from([0xff, 0xff]))).toBe(0);
  });
});
