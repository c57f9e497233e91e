/**
 * Point building and Flux-result mapping. The query path runs through the real client against a small HTTP server
 * answering with annotated CSV in InfluxDB 2's response format: this checks the request we send and how we read
 * rows back, NOT Flux semantics (no InfluxDB 2 here; see influx.test.ts for the write path on a real server).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../kernel/log.ts';
import { toPoint } from './influx-points.ts';
import { InfluxStore } from './influx.ts';

/** Columns of one annotated-CSV line, written one group of columns a line. */
const row = (...parts: string[]): string => parts.join(',');
const CSV = [
  '#group,false,false,true,true,false,true,true,false,false,false,false,false,false,false,false,false',
  row(
    '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string',
    'double,double,double,double,double,boolean,long,boolean,string',
  ),
  '#default,_result,,,,,,,,,,,,,,,',
  row(
    ',result,table,_start,_stop,_time,_measurement,vehicle',
    'accuracy_m,heading,lat,lon,speed_kmh,late,received_at,work_active,work_mode',
  ),
  row(
    ',,0,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,2026-03-01T08:00:01Z,position,S-4',
    '4,90,40.7001,-74.0501,7.5,false,1772352001250,true,sweeping',
  ),
  row(
    ',,0,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,2026-03-01T08:00:02Z,position,S-4',
    ',,40.7002,-74.0502,,true,1772352002250,,',
  ),
  '',
].join('\r\n');

describe('InfluxDB points and rows', () => {
  let server: Server;
  let body = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let b = '';
      req.on('data', (d: Buffer) => (b += d.toString()));
      req.on('end', () => {
        body = b;
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
        res.end(CSV);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('builds one line per position: tag vehicle, typed fields, ms timestamp', () => {
    const line = toPoint({
      vehicleId: 'S 4',
      ts: 1772352001000,
      lat: 40.7,
      lon: -74.05,
      work: { active: true, mode: 'spraying' },
      receivedAt: 1772352001250,
      late: false,
    }).toLineProtocol();
    expect(line).toBe(
      'position,vehicle=S\\ 4 ' +
        'lat=40.7,late=F,lon=-74.05,received_at=1772352001250i,work_active=T,work_mode="spraying" ' +
        '1772352001000',
    );
  });

  it('track sends a Flux query for the vehicle and range and maps the pivoted rows to Positions', async () => {
    const store = new InfluxStore({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      org: 'city',
      bucket: 'telemetry',
      token: 't',
      batchSize: 10,
      flushMs: 100,
      maxBufferPoints: 1000,
      lookbackDays: 30,
      log: silentLogger(),
    });
    await store.open();
    const track = await store.track('S-4', Date.UTC(2026, 2, 1, 8), Date.UTC(2026, 2, 1, 9));
    const query = (JSON.parse(body) as { query: string }).query;
    expect(query).toContain('from(bucket: "telemetry")');
    expect(query).toContain('r.vehicle == "S-4"');
    expect(query).toContain(
      'range(start: time(v: "2026-03-01T08:00:00.000Z"), stop: time(v: "2026-03-01T09:00:00.001Z"))',
    );
    expect(track).toEqual([
      {
        vehicleId: 'S-4',
        ts: Date.UTC(2026, 2, 1, 8, 0, 1),
        lat: 40.7001,
        lon: -74.0501,
        speedKmh: 7.5,
        heading: 90,
        accuracyM: 4,
        work: { active: true, mode: 'sweeping' },
        receivedAt: 1772352001250,
        late: false,
      },
      {
        vehicleId: 'S-4',
        ts: Date.UTC(2026, 2, 1, 8, 0, 2),
        lat: 40.7002,
        lon: -74.0502,
        receivedAt: 1772352002250,
        late: true,
      },
    ]);
    expect((await store.lastPositions()).map((p) => p.ts)).toEqual([Date.UTC(2026, 2, 1, 8, 0, 2)]);
    await store.close();
  });
});
