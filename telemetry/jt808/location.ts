/**
 * Location report 0x0200 and batch upload 0x0704.
 * 0x0200: alarm DWORD · status DWORD · lat DWORD · lon DWORD (1e-6 degrees, WGS-84; status bit 2 = south,
 * bit 3 = west) · altitude WORD (m) · speed WORD (0.1 km/h) · direction WORD (0–359) · time BCD[6] (UTC+8),
 * then additional items: id BYTE · length BYTE · value.
 * 0x0704: count WORD · type BYTE (0 normal, 1 blind-area backfill) · count × (length WORD · 0x0200 body).
 */
import { decodeTime, encodeTime } from './bcd.ts';
import { BodyError, Reader } from './reader.ts';
import { errorMessage } from '../../kernel/errors.ts';

export const STATUS = { acc: 1 << 0, positioned: 1 << 1, south: 1 << 2, west: 1 << 3 } as const;

export interface Extras {
  /** 0x01, km (DWORD 0.1 km). */
  readonly mileageKm?: number;
  /** 0x02, litres (WORD 0.1 L). */
  readonly fuelL?: number;
  /** 0x03, speed from the tachograph, km/h (WORD 0.1 km/h). */
  readonly recorderSpeedKmh?: number;
  /** 0x25, extended vehicle signal status DWORD. */
  readonly signalBits?: number;
  /** 0x2A, IO status WORD. */
  readonly io?: number;
  /** 0x2B, analog DWORD (bits 0–15 AD0, 16–31 AD1). */
  readonly analog?: number;
  /** 0x30, wireless signal strength. */
  readonly signal?: number;
  /** 0x31, GNSS satellites in use. */
  readonly satellites?: number;
  /** Items not read above, by id (vendor items included), raw. */
  readonly other?: Readonly<Record<number, Buffer>>;
}

export interface Location {
  readonly alarm: number;
  readonly status: number;
  /** Degrees, negative south. */
  readonly lat: number;
  /** Degrees, negative west. */
  readonly lon: number;
  readonly altitudeM: number;
  readonly speedKmh: number;
  readonly heading: number;
  /** Epoch ms. */
  readonly ts: number;
  readonly extras: Extras;
}

const ITEMS: ReadonlyArray<readonly [number, keyof Omit<Extras, 'other'>, 1 | 2 | 4, number]> = [
  [0x01, 'mileageKm', 4, 10],
  [0x02, 'fuelL', 2, 10],
  [0x03, 'recorderSpeedKmh', 2, 10],
  [0x25, 'signalBits', 4, 1],
  [0x2a, 'io', 2, 1],
  [0x2b, 'analog', 4, 1],
  [0x30, 'signal', 1, 1],
  [0x31, 'satellites', 1, 1],
];

export function encodeLocation(l: Location): Buffer {
  const b = Buffer.alloc(28);
  const status =
    (l.status & ~(STATUS.south | STATUS.west)) | (l.lat < 0 ? STATUS.south : 0) | (l.lon < 0 ? STATUS.west : 0);
  b.writeUInt32BE(l.alarm >>> 0, 0);
  b.writeUInt32BE(status >>> 0, 4);
  b.writeUInt32BE(Math.round(Math.abs(l.lat) * 1e6), 8);
  b.writeUInt32BE(Math.round(Math.abs(l.lon) * 1e6), 12);
  b.writeUInt16BE(Math.round(l.altitudeM) & 0xffff, 16); // below sea level as two's complement
  b.writeUInt16BE(Math.max(0, Math.min(0xffff, Math.round(l.speedKmh * 10))), 18);
  b.writeUInt16BE(Math.round(l.heading) % 360, 20);
  encodeTime(l.ts).copy(b, 22);
  return Buffer.concat([b, ...encodeExtras(l.extras)]);
}

function encodeExtras(x: Extras): Buffer[] {
  const out: Buffer[] = [];
  for (const [id, key, size, scale] of ITEMS) {
    const v = x[key];
    if (v === undefined) continue;
    const item = Buffer.alloc(2 + size);
    item[0] = id;
    item[1] = size;
    item.writeUIntBE(Math.round(v * scale) >>> 0, 2, size);
    out.push(item);
  }
  for (const [id, value] of Object.entries(x.other ?? {}))
    out.push(Buffer.concat([Buffer.from([Number(id), value.length]), value]));
  return out;
}

export function decodeLocation(body: Buffer): Location {
  const r = new Reader(body);
  const alarm = r.u32('alarm');
  const status = r.u32('status');
  const lat = r.u32('latitude') / 1e6;
  const lon = r.u32('longitude') / 1e6;
  const altitudeM = r.u16('altitude');
  const speedKmh = r.u16('speed') / 10;
  const heading = r.u16('direction');
  const ts = decodeTime(r.bytes(6, 'time'), 0);
  if (ts === null) throw new BodyError('field "time" is not a BCD date and time YYMMDDhhmmss');
  return {
    alarm,
    status,
    lat: status & STATUS.south ? -lat : lat,
    lon: status & STATUS.west ? -lon : lon,
    altitudeM: (altitudeM << 16) >> 16, // WORD; below sea level as two's complement
    speedKmh,
    heading,
    ts,
    extras: decodeExtras(r),
  };
}

function decodeExtras(r: Reader): Extras {
  const x: Record<string, number> = {};
  let other: Record<number, Buffer> | undefined;
  while (r.left > 0) {
    const id = r.u8('additional item id');
    const len = r.u8(`additional item 0x${id.toString(16)} length`);
    const value = r.bytes(len, `additional item 0x${id.toString(16)}`);
    const known = ITEMS.find((i) => i[0] === id);
    if (known && len === known[2]) x[known[1]] = value.readUIntBE(0, len) / known[3];
    else {
      other ??= {};
      other[id] = value;
    }
  }
  return other ? { ...x, other } : x;
}

export interface Batch {
  /** 0 normal batch, 1 blind-area backfill. */
  readonly type: number;
  readonly items: readonly Location[];
}

export function encodeBatch(b: Batch): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt16BE(b.items.length, 0);
  head[2] = b.type;
  const parts: Buffer[] = [head];
  for (const l of b.items) {
    const body = encodeLocation(l);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length, 0);
    parts.push(len, body);
  }
  return Buffer.concat(parts);
}

export function decodeBatch(body: Buffer): Batch {
  const r = new Reader(body);
  const count = r.u16('count');
  const type = r.u8('type');
  if (type > 1) throw new BodyError(`field "type" is ${type}, not 0 (normal) or 1 (backfill)`);
  if (count === 0) throw new BodyError('field "count" is 0');
  const items: Location[] = [];
  for (let i = 0; i < count; i++) {
    const len = r.u16(`item ${i} length`);
    try {
      items.push(decodeLocation(r.bytes(len, `item ${i}`)));
    } catch (err) {
      throw new BodyError(`item ${i}: ${errorMessage(err)}`);
    }
  }
  if (r.left > 0) throw new BodyError(`${r.left} bytes after the ${count} items`);
  return { type, items };
}
