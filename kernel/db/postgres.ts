/**
 * PostgreSQL backend of the store contract: `pg` on one connection in a worker thread (pg-worker.ts), called
 * synchronously through synckit: the main thread blocks for one loopback round trip per statement, as better-sqlite3
 * blocks on the disk. `?` placeholders become `$1…` (outside literals); errors keep their SQLSTATE `code`.
 */
import { createSyncFn } from 'synckit';
import { compiled } from '../app-root.ts';
import { describeUrl, type OpenOptions, type PgRequest, type PgResponse, UNAVAILABLE } from './pg-protocol.ts';
import { numberPlaceholders } from './sql-text.ts';
import { DatabaseUnavailableError, type Db, type Statement } from './types.ts';

const workerUrl = new URL(compiled ? './pg-worker.js' : './pg-worker-boot.mjs', import.meta.url);

type Call = (r: PgRequest) => PgResponse;
let callWorker: Call | undefined;
function call(r: PgRequest): PgResponse {
  callWorker ??= createSyncFn<(r: PgRequest) => Promise<PgResponse>>(workerUrl, {
    timeout: 180_000, // beyond the worker's own statement and query timeouts
    execArgv: [],
  }) as Call;
  return callWorker(r);
}

/** A PostgreSQL error: `code` is the SQLSTATE (23505 unique violation …). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

function fail(r: Extract<PgResponse, { ok: false }>): never {
  const e = r.error;
  if (e.code === UNAVAILABLE) throw new DatabaseUnavailableError(e.message);
  throw new PgError(e.message, e.code, e.detail, e.constraint);
}

/** better-sqlite3 accepts arrays of parameters as well as spread ones; named (object) parameters are not portable. */
function flat(params: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const p of params) {
    if (Array.isArray(p)) out.push(...(p as unknown[]));
    else if (p !== null && typeof p === 'object' && !(p instanceof Uint8Array) && !(p instanceof Date))
      throw new TypeError('named parameters are not supported: use ? placeholders');
    else out.push(typeof p === 'boolean' ? Number(p) : p);
  }
  return out;
}

function toBuffer(v: unknown): unknown {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

class PgStatement<R> implements Statement<R> {
  private array = false;
  private readonly text: string;
  private readonly count: number;

  constructor(
    private readonly db: PgDb,
    sql: string,
  ) {
    const n = numberPlaceholders(sql);
    this.text = n.text;
    this.count = n.count;
  }

  private rows(want: 'first' | 'all', params: unknown[]): unknown[] {
    const res = this.db.query({ text: this.text, params: this.params(params), want, array: this.array });
    const rows = res.rows ?? [];
    if (res.binary) {
      for (const row of rows as Record<string | number, unknown>[])
        for (const k of res.binary) row[k] = toBuffer(row[k]);
    }
    return this.array ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  private params(given: unknown[]): unknown[] {
    const p = flat(given);
    if (p.length !== this.count)
      throw new RangeError(`statement takes ${this.count} parameters, ${p.length} given: ${this.text.slice(0, 80)}`);
    return p;
  }

  run(...params: unknown[]): { changes: number } {
    const res = this.db.query({ text: this.text, params: this.params(params), want: 'run', array: false });
    return { changes: res.changes ?? 0 };
  }

  get(...params: unknown[]): R | undefined {
    return this.rows('first', params)[0] as R | undefined;
  }

  all(...params: unknown[]): R[] {
    return this.rows('all', params) as R[];
  }

  iterate(...params: unknown[]): IterableIterator<R> {
    return (this.rows('all', params) as R[])[Symbol.iterator]();
  }

  pluck(on = true): Statement<unknown> {
    this.array = on;
    return this as Statement<unknown>;
  }
}

export interface PgOptions {
  /** First reconnect delay after the connection is lost (ms, default 200); doubles up to maxBackoffMs. */
  readonly minBackoffMs?: number;
  /** Longest reconnect delay (ms, default 5000). */
  readonly maxBackoffMs?: number;
  /** Connect timeout (ms, default 5000). */
  readonly connectTimeoutMs?: number;
  /** Told when statements start failing because the server went away (up = false), and when they work again. */
  readonly onAvailability?: (up: boolean, detail: string) => void;
}

export class PgDb implements Db {
  readonly dialect = 'postgres';
  readonly description: string;
  private depth = 0;
  private closed = false;
  private up = true;

  private constructor(
    private readonly conn: number,
    url: string,
    private readonly onAvailability?: (up: boolean, detail: string) => void,
  ) {
    this.description = describeUrl(url);
  }

  /** Connect (throws DatabaseUnavailableError naming the host when the server cannot be reached). */
  static connect(url: string, opts: PgOptions = {}): PgDb {
    const options: OpenOptions = {
      url,
      minBackoffMs: opts.minBackoffMs ?? 200,
      maxBackoffMs: opts.maxBackoffMs ?? 5000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
    };
    const res = call({ op: 'open', options });
    if (!res.ok) fail(res);
    if (res.conn === undefined) throw new Error('PostgreSQL worker gave no connection');
    return new PgDb(res.conn, url, opts.onAvailability);
  }

  /** One request to the worker; throws on failure. */
  query(r: Omit<Extract<PgRequest, { op: 'query' }>, 'op' | 'conn'>): Extract<PgResponse, { ok: true }> {
    const res = this.send({ op: 'query', conn: this.conn, ...r });
    return res;
  }

  private send(r: PgRequest): Extract<PgResponse, { ok: true }> {
    if (this.closed) throw new Error(`database closed (${this.description})`);
    const res = call(r);
    const up = res.ok || res.error.code !== UNAVAILABLE;
    if (up !== this.up) {
      this.up = up;
      this.onAvailability?.(up, res.ok ? this.description : res.error.message);
    }
    if (!res.ok) fail(res);
    return res;
  }

  prepare<R = unknown>(sql: string): Statement<R> {
    return new PgStatement<R>(this, sql);
  }

  exec(sql: string): void {
    this.send({ op: 'exec', conn: this.conn, text: sql });
  }

  private tx(kind: 'begin' | 'end' | 'savepoint', text: string): void {
    this.send({ op: 'tx', conn: this.conn, kind, text });
  }

  private quietly(kind: 'end' | 'savepoint', text: string): void {
    try {
      this.tx(kind, text);
    } catch {
      // the statement's own error is the one to report
    }
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    return (...args: A): T => {
      if (this.depth === 0) {
        this.tx('begin', 'BEGIN');
        this.depth = 1;
        try {
          const result = fn(...args);
          if (result instanceof Promise) throw new TypeError('a transaction function must not be async');
          this.tx('end', 'COMMIT');
          return result;
        } catch (err) {
          this.quietly('end', 'ROLLBACK');
          throw err;
        } finally {
          this.depth = 0;
        }
      }
      const sp = `gw_sp_${this.depth}`;
      this.tx('savepoint', `SAVEPOINT ${sp}`);
      this.depth += 1;
      try {
        const result = fn(...args);
        this.tx('savepoint', `RELEASE SAVEPOINT ${sp}`);
        return result;
      } catch (err) {
        this.quietly('savepoint', `ROLLBACK TO SAVEPOINT ${sp}`);
        this.quietly('savepoint', `RELEASE SAVEPOINT ${sp}`);
        throw err;
      } finally {
        this.depth -= 1;
      }
    };
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Is the server reachable now? (One round trip; false while the worker reconnects.) */
  ping(): boolean {
    try {
      this.send({ op: 'ping', conn: this.conn });
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    call({ op: 'close', conn: this.conn });
  }
}
