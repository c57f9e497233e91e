import { z } from 'zod';
import { connectionsSchema } from './net.ts';

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
      .default(300)
      .describe(
        'How long a live-view URL (its play token, bound to the login session) can start playing; a stream started ' +
          'in time plays on until the viewer leaves or the session ends (logout closes it).',
      ),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe(
        'Secret the per-camera publish keys (?key=, HMAC-SHA256 of the stream path) are derived from; viewers never ' +
          'get anything derived from it. A random one per start when omitted: set it for cameras that push RTMP.',
      ),
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
    connections: connectionsSchema('media (RTMP and HTTP-FLV)', {
      maxPerAddress: 64,
      handshakeSeconds: 10,
      idleSeconds: 30,
      maxQueuedKb: 16_384,
    }),
  })
  .describe('Live relay and evidence recording.');
