/** Logging: pino, JSON lines to stdout. Credentials in URLs are never logged: use redactUrl. */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.GRIDWATCH_LOG ?? 'info'): Logger {
  return pino({ level, base: { app: 'gridwatch' }, redact: ['password', '*.password', 'token', '*.token'] });
}

/** A logger that drops everything (tests, CLI one-shots). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Replace user:password in any URL-looking string, and credential query parameters (key, token, sign…), with ***. */
export function redactUrl(url: string): string {
  return url
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/gi, '$1***@')
    .replace(/([?&](?:key|token|sign|secret|password|passwd|pass|auth)=)[^&\s"'#]+/gi, '$1***');
}
