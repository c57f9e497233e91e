import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Topics } from '../topics.ts';
import { decodeMessage } from './index.ts';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples');
const topics = new Topics('gridwatch');
const receivedAt = 1765338287000;
const decode = (payload: string | Buffer, topic = topics.position('S-4'), max = 2048) =>
  decodeMessage(
    topics.parse(topic)!,
    { topic, payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload), receivedAt },
    max,
  );

describe('decoders: golden samples', () => {
  const files = readdirSync(samples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  it('has samples for both formats', () => {
    expect(files.some((f) => f.startsWith('gridwatch-'))).toBe(true);
    expect(files.some((f) => f.startsWith('owntracks-'))).toBe(true);
  });
  it.each(files)('%s decodes to its .expected.json', (file) => {
    const expected = JSON.parse(
      readFileSync(path.join(samples, file.replace(/\.json$/, '.expected.json')), 'utf8'),
    ) as unknown;
    expect(decode(readFileSync(path.join(samples, file)))).toEqual(expected);
  });
});

describe('decoders: rejections name the reason and field', () => {
  it.each([
    ['{"ts":1,"lat":1', 'malformed_json', /not JSON/],
    ['[1,2]', 'malformed_json', /JSON object, got an array/],
    ['null', 'malformed_json', /got null/],
    ['{"lat":1,"lon":2}', 'missing_field', /field "ts" is missing/],
    ['{"ts":1765338286,"lon":2}', 'missing_field', /field "lat" is missing/],
    ['{"ts":1765338286,"lat":"40.1","lon":2}', 'bad_coordinates', /field "lat"/],
    ['{"ts":1765338286,"lat":1e999,"lon":2}', 'bad_coordinates', /field "lat"/],
    ['{"ts":"yesterday","lat":1,"lon":2}', 'bad_field', /field "ts": not an ISO 8601 time/],
    ['{"ts":1765338286,"lat":1,"lon":2,"speed_kmh":"fast"}', 'bad_field', /field "speed_kmh"/],
    ['{"ts":1765338286,"lat":1,"lon":2,"work":{"active":"yes"}}', 'bad_field', /field "work/],
    ['{"_type":"transition","tst":1}', 'unsupported_type', /OwnTracks _type "transition"/],
    ['{"_type":"location","lat":1,"lon":2}', 'missing_field', /field "tst" is missing/],
  ])('%s → %s', (payload, reason, detail) => {
    const d = decode(payload);
    expect(d).toMatchObject({ rejected: reason, vehicleId: 'S-4' });
    expect('detail' in d && d.detail).toMatch(detail);
  });

  it('oversized payloads are rejected before parsing', () => {
    expect(decode(`{"ts":1,"lat":1,"lon":2,"pad":"${'x'.repeat(3000)}"}`)).toMatchObject({ rejected: 'oversized' });
  });
});

describe('status topic', () => {
  it.each([
    ['online', true],
    ['OFFLINE', false],
    ['{"online":true}', true],
  ])('%s → online=%s', (payload, online) => {
    expect(decode(payload, topics.status('S-4'))).toMatchObject({ vehicleId: 'S-4', online });
  });
  it('anything else is a bad_field', () => {
    expect(decode('maybe', topics.status('S-4'))).toMatchObject({ rejected: 'bad_field' });
  });
});
