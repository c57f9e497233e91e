import { z } from 'zod';

const embedded = z
  .strictObject({
    kind: z.literal('embedded').describe('Embedded SQLite store (better-sqlite3, WAL) under the data directory.'),
    file: z.string().default('positions.db').describe('Database file, relative to the data directory.'),
    retentionDays: z.number().int().min(1).max(3650).default(90).describe('Positions older than this are deleted.'),
    batchSize: z.number().int().min(1).max(100000).default(5000).describe('Positions written per transaction at most.'),
    flushMs: z
      .number()
      .int()
      .min(10)
      .max(10000)
      .default(200)
      .describe(
        'Longest time a position waits before it is written (group commit writes each event-loop turn, well within ' +
          'it).',
      ),
  })
  .describe('Embedded store.');

const influx = z
  .strictObject({
    kind: z.literal('influx').describe('InfluxDB 2 via @influxdata/influxdb-client.'),
    url: z.string().url().describe('InfluxDB URL, e.g. http://influxdb:8086.'),
    org: z.string().min(1).describe('InfluxDB organisation.'),
    bucket: z.string().min(1).describe('Bucket positions are written to.'),
    token: z.string().min(1).describe('API token with write (and read) access to the bucket.'),
    batchSize: z.number().int().min(1).max(100000).default(5000).describe('Points per write request at most.'),
    flushMs: z
      .number()
      .int()
      .min(10)
      .max(60000)
      .default(1000)
      .describe('Longest time a point waits before it is sent.'),
    maxBufferPoints: z
      .number()
      .int()
      .min(1000)
      .default(200000)
      .describe('Points kept while the server is unreachable; beyond this the oldest are dropped and counted.'),
  })
  .describe('InfluxDB 2.');

export const storageSchema = z
  .discriminatedUnion('kind', [embedded, influx])
  .describe('Where vehicle positions are stored. Cases always live in the embedded database.');
