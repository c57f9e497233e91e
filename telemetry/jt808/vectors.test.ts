/**
 * Frames published by another implementation's test data (makeclan/xtream-codec, debug UI codec samples: 2019 frames
 * with the fields they decode to), used here as facts: our decoder must read the same values from the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './codec.ts';
import { decodeBatch, decodeLocation, STATUS } from './location.ts';
import { MSG } from './messages.ts';

const frameOf = (hex: string) => {
  const d = decodeFrame(Buffer.from(hex, 'hex').subarray(1, -1));
  if (!d.ok) throw new Error(`${d.reason}: ${d.detail}`);
  return d.frame;
};
const beijing = (s: string): number => Date.parse(`${s.replace(' ', 'T')}+08:00`);

describe('published JT/T 808 frames', () => {
  it('0x0200, 2019 header, with fuel and mileage items', () => {
    const f = frameOf(
      '7e02004026010000000001391234432900000000006f0000001601dc9a0707456246007b004200032501292233440202' +
        '006401040000000c417e',
    );
    expect(f.header).toEqual({
      msgId: MSG.location,
      edition: 2019,
      protocolVersion: 1,
      phone: '00000000013912344329',
      serial: 0,
    });
    const l = decodeLocation(f.body);
    expect(l).toMatchObject({
      alarm: 111,
      status: 22,
      altitudeM: 123,
      speedKmh: 6.6,
      heading: 3,
      ts: beijing('2025-01-29 22:33:44'),
    });
    expect(l.status & STATUS.south).toBeTruthy(); // status 22 has bit 2 set: the latitude is south
    expect([l.lat, l.lon]).toEqual([-31.234567, 121.987654]);
    expect(l.extras).toEqual({ fuelL: 10, mileageKm: 1.2 });
  });

  it('0x0704 batch of two, 2019 header', () => {
    const f = frameOf(
      '7e0704403f01000000000139123443290000000200001c000000010000000101d907f2073d336c029a00210059241029' +
        '213903001c000000010000000101d907f3073d336d03090043005a241029213903f87e',
    );
    expect(f.header.msgId).toBe(MSG.batch);
    const b = decodeBatch(f.body);
    expect(b.type).toBe(0);
    expect(b.items.map((l) => [l.alarm, l.status, l.lat, l.lon, l.altitudeM, l.speedKmh, l.heading, l.ts])).toEqual([
      [1, 1, 31.000562, 121.451372, 666, 3.3, 89, beijing('2024-10-29 21:39:03')],
      [1, 1, 31.000563, 121.451373, 777, 6.7, 90, beijing('2024-10-29 21:39:03')],
    ]);
  });
});
