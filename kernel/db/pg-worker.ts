/**
 * The PostgreSQL worker thread: holds the connections (one per PgDb, normally one per process) and answers the main
 * thread's synchronous calls (synckit). A connection that is lost is reconnected with backoff; meanwhile every
 * statement fails at once with GW_DB_UNAVAILABLE, and a transaction open when it was lost fails until rolled back.
 */
import pg from 'pg';
import { runAsWorker } from 'synckit';
import {
  describeUrl,
  type OpenOptions,
  type PgErrorInfo,
  type PgRequest,
  type PgResponse,
  UNAVAILABLE,
} from './pg-protocol.ts';

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
const JSON_OID = 114;
const JSONB = 3802;
const BYTEA = 17;

// Store-contract types: 64-bit integers and numerics as JS numbers (epoch ms fit), booleans as 0/1, JSON as text.
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(BOOL, (v: string) => (v === 't' ? 1 : 0));
pg.types.setTypeParser(JSON_OID, (v: string) => v);
pg.types.setTypeParser(JSONB, (v: string) => v);

interface Conn {
  readonly options: OpenOptions;
  readonly label: string;
  client?: pg.Client;
  lastError: string;
  /** A transaction is open on the server. */
  tx: boolean;
  /** The connection was lost while a transaction was open: statements fail until ROLLBACK. */
  txLost: boolean;
  backoffMs: number;
  timer?: NodeJS.Timeout;
  closed: boolean;
}

/** Longest a statement may run (the KPI and list queries take well under a second on 100,000 cases). */
const STATEMENT_TIMEOUT_MS = 120_000;

const conns = new Map<number, Conn>();
let nextConn = 1;

/** An error from the connection itself (not from a statement): the connection is gone. */
function connectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return /connection|terminat|socket|timeout|closed|ended/i.test(String(err));
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || /^E[A-Z]+$/.test(code);
}

function info(err: unknown): PgErrorInfo {
  const e = err as Partial<Record<keyof PgErrorInfo, unknown>>;
  const pick = (k: keyof PgErrorInfo): Record<string, string> =>
    typeof e[k] === 'string' ? { [k]: e[k] as string } : {};
  return {
    message: err instanceof Error ? err.message : String(err),
    ...pick('code'),
    ...pick('detail'),
    ...pick('constraint'),
    ...pick('table'),
    ...pick('column'),
  };
}

const unavailable = (c: Conn): PgResponse => ({
  ok: false,
  error: { message: `database unavailable (${c.label}): ${c.lastError}`, code: UNAVAILABLE },
});

async function connect(options: OpenOptions): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    keepAlive: true,
    // a statement never blocks the process for long: the server cancels it, the client gives up a little later
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 10_000,
  });
  await client.connect();
  return client;
}

function watch(c: Conn, client: pg.Client): void {
  const lost = (err?: Error): void => {
    if (c.client !== client) return;
    markDown(c, err ?? new Error('connection ended'));
  };
  client.on('error', lost);
  client.on('end', () => lost());
}

function markDown(c: Conn, err: unknown): void {
  const client = c.client;
  c.client = undefined;
  c.lastError = err instanceof Error ? err.message : String(err);
  if (c.tx) c.txLost = true;
  c.tx = false;
  client?.end().catch(() => undefined);
  schedule(c);
}

function schedule(c: Conn): void {
  if (c.closed || c.timer) return;
  c.timer = setTimeout(() => {
    c.timer = undefined;
    void reconnect(c);
  }, c.backoffMs);
  c.backoffMs = Math.min(c.options.maxBackoffMs, c.backoffMs * 2);
}

async function reconnect(c: Conn): Promise<void> {
  if (c.closed || c.client) return;
  try {
    const client = await connect(c.options);
    if (c.closed) {
      await client.end();
      return;
    }
    c.client = client;
    c.backoffMs = c.options.minBackoffMs;
    watch(c, client);
  } catch (err) {
    c.lastError = err instanceof Error ? err.message : String(err);
    schedule(c);
  }
}

async function open(options: OpenOptions): Promise<PgResponse> {
  const label = describeUrl(options.url);
  try {
    const client = await connect(options);
    const id = nextConn++;
    const c: Conn = {
      options,
      label,
      client,
      lastError: '',
      tx: false,
      txLost: false,
      backoffMs: options.minBackoffMs,
      closed: false,
    };
    conns.set(id, c);
    watch(c, client);
    return { ok: true, conn: id };
  } catch (err) {
    return {
      ok: false,
      error: { message: `cannot connect to PostgreSQL (${label}): ${info(err).message}`, code: UNAVAILABLE },
    };
  }
}

/** Run `work` on the live connection; a lost connection marks it down and answers GW_DB_UNAVAILABLE. */
async function onClient(c: Conn, work: (client: pg.Client) => Promise<PgResponse>): Promise<PgResponse> {
  const client = c.client;
  if (!client) return unavailable(c);
  try {
    return await work(client);
  } catch (err) {
    if (!connectionLost(err)) return { ok: false, error: info(err) };
    if (c.client === client) markDown(c, err);
    return unavailable(c);
  }
}

async function query(c: Conn, r: Extract<PgRequest, { op: 'query' }>): Promise<PgResponse> {
  if (c.txLost) return lostTx(c);
  return onClient(c, async (client) => {
    const values = r.params as unknown[];
    const res: pg.QueryResult = r.array
      ? await client.query({ text: r.text, values, rowMode: 'array' })
      : await client.query({ text: r.text, values });
    if (r.want === 'run') return { ok: true, changes: res.rowCount ?? 0 };
    const binary = res.fields.flatMap((f, i) => (f.dataTypeID === BYTEA ? [r.array ? i : f.name] : []));
    const rows = r.want === 'first' ? res.rows.slice(0, 1) : res.rows;
    return { ok: true, rows, ...(binary.length > 0 ? { binary } : {}) };
  });
}

const lostTx = (c: Conn): PgResponse => ({
  ok: false,
  error: { message: `database connection lost during a transaction (${c.label}): ${c.lastError}`, code: UNAVAILABLE },
});

async function tx(c: Conn, r: Extract<PgRequest, { op: 'tx' }>): Promise<PgResponse> {
  if (c.txLost) {
    if (r.kind === 'end' && /^ROLLBACK$/i.test(r.text)) {
      c.txLost = false;
      return { ok: true };
    }
    return lostTx(c);
  }
  const res = await onClient(c, async (client) => {
    await client.query(r.text);
    return { ok: true };
  });
  if (r.kind === 'begin' && res.ok) c.tx = true;
  if (r.kind === 'end') c.tx = false;
  return res;
}

async function handle(r: PgRequest): Promise<PgResponse> {
  if (r.op === 'open') return open(r.options);
  const c = conns.get(r.conn);
  if (!c) return { ok: false, error: { message: 'database closed' } };
  switch (r.op) {
    case 'query':
      return query(c, r);
    case 'exec':
      if (c.txLost) return lostTx(c);
      return onClient(c, async (client) => {
        await client.query(r.text);
        return { ok: true };
      });
    case 'tx':
      return tx(c, r);
    case 'ping':
      return onClient(c, async (client) => {
        await client.query('SELECT 1');
        return { ok: true };
      });
    case 'close':
      c.closed = true;
      conns.delete(r.conn);
      if (c.timer) clearTimeout(c.timer);
      await c.client?.end().catch(() => undefined);
      c.client = undefined;
      return { ok: true };
  }
}

runAsWorker(handle);
