import { z } from 'zod';

export const mediaSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Run the embedded node-media-server (RTMP ingest, HTTP-FLV/WS-FLV live view).'),
    host: z.string().default('127.0.0.1').describe('Address the media server binds to.'),
    rtmpPort: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(1935)
      .describe('RTMP port cameras and the relay publish to; 0 picks a free port.'),
    httpPort: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8000)
      .describe('HTTP-FLV / WS-FLV port browsers play from; 0 picks a free port.'),
    publicUrl: z
      .url()
      .optional()
      .describe(
        'Base URL browsers reach the HTTP-FLV port at, e.g. "http://10.0.0.5:8000"; http://host:httpPort when omitted.',
      ),
    playTtlSeconds: z
      .number()
      .int()
      .min(10)
      .max(7 * 86400)
      .default(3600)
      .describe('How long a signed live-view URL stays valid.'),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('Secret that signs publish/play URLs; a random one is generated at start when omitted.'),
    segmentSeconds: z.number().int().min(2).max(300).default(10).describe('Length of each recorded evidence segment.'),
    retentionMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30)
      .describe('Recorded segments older than this are deleted.'),
    quotaMb: z
      .number()
      .int()
      .min(16)
      .default(2048)
      .describe('Disk quota for recorded segments across all cameras; oldest go first.'),
  })
  .describe('Live relay and evidence recording.');
