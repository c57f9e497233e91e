import { describe, expect, it } from 'vitest';
import { PacketSizeScanner } from './packet-limit.ts';

/** MQTT remaining-length varint (MQTT 3.1.1 §2.2.3). */
function varint(value: number): number[] {
  const out: number[] = [];
  let n = value;
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** A QoS 1 PUBLISH of `bytes` payload bytes, encoded as on the wire. */
function publish(bytes: number): Buffer {
  const topic = Buffer.from('gridwatch/vehicles/T-1/position');
  const body = Buffer.concat([Buffer.from([0, topic.length]), topic, Buffer.from([0, 7]), Buffer.alloc(bytes, 65)]);
  return Buffer.concat([Buffer.from([0x32, ...varint(body.length)]), body]);
}

describe('PacketSizeScanner', () => {
  it('follows packet boundaries however the bytes are split, and passes packets within the limit', () => {
    const stream = Buffer.concat([publish(10), publish(200), publish(1000), Buffer.from([0xc0, 0x00])]);
    for (const size of [1, 2, 3, 7, 64, stream.length]) {
      const s = new PacketSizeScanner(1100);
      for (let i = 0; i < stream.length; i += size) expect(s.push(stream.subarray(i, i + size))).toBeUndefined();
    }
  });

  it('refuses a packet as soon as its header announces more than the limit', () => {
    const s = new PacketSizeScanner(1100);
    expect(s.push(publish(100))).toBeUndefined();
    const big = publish(10 * 1024 * 1024);
    expect(s.push(big.subarray(0, 5))).toMatch(/MQTT packet of \d+ bytes or more; the limit is 1100/); // header only
  });

  it('refuses a remaining length longer than 4 bytes', () => {
    expect(new PacketSizeScanner(1e9).push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff]))).toMatch(/limit|malformed/);
    expect(new PacketSizeScanner(Number.MAX_SAFE_INTEGER).push(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80]))).toMatch(
      /malformed/,
    );
  });
});
