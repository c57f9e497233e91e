import { z } from 'zod';

export const serverSchema = z
  .strictObject({
    host: z.string().default('127.0.0.1').describe('Address the HTTP server binds to; 0.0.0.0 to serve the network.'),
    port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port of the dashboard and API (0 = any free port).'),
    publicUrl: z.string().url().optional().describe('URL users reach the dashboard at, for links in webhooks and Open311.'),
    secureCookies: z
      .boolean()
      .default(false)
      .describe('Mark session cookies Secure (HTTPS only); turn on behind a TLS proxy in production.'),
    sessionTtlMinutes: z.number().int().min(5).max(7 * 24 * 60).default(720).describe('Idle session lifetime in minutes.'),
    loginAttemptsPerMinute: z.number().int().min(1).max(1000).default(10).describe('Failed logins allowed per client address and minute.'),
  })
  .describe('The HTTP server: dashboard, REST API, Open311, metrics.');

export const logSchema = z
  .strictObject({
    level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info').describe('Log level.'),
  })
  .describe('Logging (JSON lines on stdout).');
