import { z } from 'zod';
import { latLon } from './common.ts';

export const serverSchema = z
  .strictObject({
    host: z.string().default('127.0.0.1').describe('Address the HTTP server binds to; 0.0.0.0 to serve the network.'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8080)
      .describe('HTTP port of the dashboard and API (0 = any free port).'),
    publicUrl: z
      .string()
      .url()
      .optional()
      .describe('URL users reach the dashboard at, for links in webhooks and Open311.'),
    secureCookies: z
      .boolean()
      .default(false)
      .describe('Mark session cookies Secure (HTTPS only); turn on behind a TLS proxy in production.'),
    sessionTtlMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(720)
      .describe('Idle session lifetime in minutes.'),
    loginAttemptsPerMinute: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe(
        'Login attempts allowed per client address and minute (counted before the password is checked; ' +
          'a successful login is not counted).',
      ),
    loginAttemptsPerUserPerMinute: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe(
        'Login attempts allowed per user name and minute from all addresses together (stops guessing one account ' +
          'from many addresses; a guesser can keep that user out for the minute).',
      ),
    maxBodyKb: z
      .number()
      .int()
      .min(16)
      .max(1024 * 1024)
      .default(1024)
      .describe(
        'Largest request body (KB) on every route; uploads have their own limit (case photos 10 MB). ' +
          'Larger bodies get 413 as soon as that is known, without being read.',
      ),
    liveStreamsPerSession: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(4)
      .describe(
        'Live-event (SSE) streams one login session may hold open at once (the UI uses one per tab); more get 429.',
      ),
    headersTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(10)
      .describe(
        'A client must send its request headers within this many seconds of connecting ' +
          '(slow-header clients are cut off).',
      ),
    requestTimeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(120)
      .describe('A client must send its whole request (body included, e.g. a photo upload) within this many seconds.'),
    trustProxy: z
      .boolean()
      .default(false)
      .describe(
        'Take the client address from X-Forwarded-For (for login rate limiting); only behind a trusted reverse proxy.',
      ),
    locale: z
      .enum(['zh-CN', 'en'])
      .default('zh-CN')
      .describe('Default language of the dashboard and of API error messages.'),
    metricsToken: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe(
        'Bearer token Prometheus sends to scrape /metrics; without it only a logged-in admin can read /metrics.',
      ),
    map: z
      .strictObject({
        tileUrl: z
          .string()
          .regex(
            /^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*$/,
            'must be an http(s):// or /path URL template with {z}, {x} and {y}',
          )
          .optional()
          .describe(
            "Base map tiles, e.g. the city's own tile server 'https://tiles.example.gov.cn/{z}/{x}/{y}.png'; vector " +
              'data only when omitted.',
          ),
        tileAttribution: z.string().default('').describe('Attribution text shown for the base tiles.'),
        base: z
          .string()
          .optional()
          .describe(
            'Offline base-map layers drawn under the road network: a GeoJSON file (relative to the config file) of ' +
              'buildings, water, green areas and expressways, each feature with a "kind" property (building | water ' +
              '| green | expressway) and an optional "name"; e.g. extracted from the same OpenStreetMap file.',
          ),
        baseAttribution: z
          .string()
          .default('')
          .describe('Attribution shown for the offline base map (e.g. "© OpenStreetMap contributors (ODbL)").'),
        center: latLon
          .optional()
          .describe('Initial map centre; the middle of the cameras, vehicles and grid when omitted.'),
        zoom: z.number().int().min(1).max(20).default(14).describe('Initial map zoom level.'),
      })
      .prefault({})
      .describe('The dashboard map (Leaflet): works offline with vector data; base tiles are optional.'),
  })
  .describe('The HTTP server: dashboard, REST API, Open311, metrics.');

export const logSchema = z
  .strictObject({
    level: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
      .default('info')
      .describe('Log level.'),
  })
  .describe('Logging (JSON lines on stdout).');
