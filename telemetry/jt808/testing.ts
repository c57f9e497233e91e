/** Test helpers for the JT/T 808 codec and server: sample messages and frames. */
import { encodeFrame } from './codec.ts';
import type { Edition, Header } from './header.ts';
import { type Location, STATUS } from './location.ts';

export const PHONE_2013 = '013912345678';
export const PHONE_2019 = '00000000013912345678';

export function header(msgId: number, edition: Edition = 2013, serial = 1, phone?: string): Header {
  return edition === 2019
    ? { msgId, edition, protocolVersion: 1, phone: phone ?? PHONE_2019, serial }
    : { msgId, edition, phone: phone ?? PHONE_2013, serial };
}

/** A fix in Jersey City (west: status bit 3) at a whole second. */
export function sampleLocation(over: Partial<Location> = {}): Location {
  return {
    alarm: 0,
    status: STATUS.acc | STATUS.positioned,
    lat: 40.716123,
    lon: -74.051234,
    altitudeM: 12,
    speedKmh: 23.4,
    heading: 271,
    ts: Date.parse('2026-03-02T01:02:03Z'),
    extras: { mileageKm: 12345.6, fuelL: 80.5, recorderSpeedKmh: 23, signal: 27, satellites: 11, io: 0b101 },
    ...over,
  };
}

export function frame(msgId: number, body: Buffer, edition: Edition = 2013, serial = 1, phone?: string): Buffer {
  return encodeFrame(header(msgId, edition, serial, phone), body);
}
