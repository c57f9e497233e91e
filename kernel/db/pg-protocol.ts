/** Messages between the PostgreSQL backend (postgres.ts, main thread) and its worker (pg-worker.ts). */

export interface OpenOptions {
  readonly url: string;
  /** First reconnect delay after the connection is lost; doubles up to `maxBackoffMs`. */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly connectTimeoutMs: number;
}

export type Want = 'run' | 'first' | 'all';

export type PgRequest =
  | { readonly op: 'open'; readonly options: OpenOptions }
  | {
      readonly op: 'query';
      readonly conn: number;
      readonly text: string;
      readonly params: readonly unknown[];
      readonly want: Want;
      /** Rows as arrays (first column only is used: pluck). */
      readonly array: boolean;
    }
  | { readonly op: 'exec'; readonly conn: number; readonly text: string }
  | { readonly op: 'tx'; readonly conn: number; readonly text: string; readonly kind: 'begin' | 'end' | 'savepoint' }
  | { readonly op: 'ping'; readonly conn: number }
  | { readonly op: 'close'; readonly conn: number };

export interface PgErrorInfo {
  readonly message: string;
  /** SQLSTATE (e.g. 23505), or GW_DB_UNAVAILABLE when the server cannot be reached. */
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
}

export type PgResponse =
  | {
      readonly ok: true;
      readonly conn?: number;
      readonly rows?: unknown[];
      readonly changes?: number;
      /** Columns (names, or indexes for array rows) holding bytea values, to rebuild as Buffers. */
      readonly binary?: readonly (string | number)[];
    }
  | { readonly ok: false; readonly error: PgErrorInfo };

export const UNAVAILABLE = 'GW_DB_UNAVAILABLE';

/** `postgres HOST[:PORT]/DB` for logs and health: never the user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)';
    return `postgres ${host}${u.port ? `:${u.port}` : ''}/${db}`;
  } catch {
    return 'postgres (unparsable url)';
  }
}
