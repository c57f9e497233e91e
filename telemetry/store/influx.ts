/**
 * InfluxDB 2 position store via @influxdata/influxdb-client: batched writes (batchSize / flushMs), retries with
 * backoff, and a bounded retry buffer (maxBufferPoints; beyond it the oldest are dropped and counted).
 * Tracks and last positions are Flux queries. Duplicates (same vehicle + ts) overwrite each other: stored once.
 */
import { HttpError, InfluxDB, setLogger, type QueryApi, type WriteApi } from '@influxdata/influxdb-client';
import type { Logger } from '../../kernel/log.ts';
import type { Position } from '../../kernel/types/index.ts';
import { fromRow, lastQuery, newestPerVehicle, toPoint, trackQuery, type FluxRow } from './influx-points.ts';
import { DEFAULT_TRACK_LIMIT, type PositionStore, type StoreStats } from './types.ts';

export interface InfluxStoreOptions {
  readonly url: string;
  readonly org: string;
  readonly bucket: string;
  readonly token: string;
  readonly batchSize: number;
  readonly flushMs: number;
  readonly maxBufferPoints: number;
  /** How far back lastPositions() looks. */
  readonly lookbackDays: number;
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
  readonly log: Logger;
}

export class InfluxStore implements PositionStore {
  readonly kind = 'influx';
  private writeApi?: WriteApi;
  private queryApi?: QueryApi;
  private counts = { written: 0, dropped: 0, errors: 0, queued: 0 };
  private lastError?: string;

  constructor(private readonly opts: InfluxStoreOptions) {}

  async open(): Promise<void> {
    const { log } = this.opts;
    setLogger({
      error: (message, err) => log.warn({ err }, `influx: ${message}`),
      warn: (message, err) => log.debug({ err }, `influx: ${message}`),
    });
    const maxRetries = this.opts.maxRetries ?? 5;
    const db = new InfluxDB({ url: this.opts.url, token: this.opts.token, timeout: this.opts.timeoutMs ?? 10_000 });
    this.writeApi = db.getWriteApi(this.opts.org, this.opts.bucket, 'ms', {
      batchSize: this.opts.batchSize,
      flushInterval: this.opts.flushMs,
      maxBufferLines: this.opts.maxBufferPoints,
      maxRetries,
      minRetryDelay: 200,
      maxRetryDelay: 5000,
      maxRetryTime: 180_000,
      writeSuccess: (lines: string[]) => {
        this.counts.written += lines.length;
      },
      writeFailed: (err: Error, lines: string[], attempt: number) => {
        this.counts.errors++;
        this.lastError = err.message;
        const final =
          (err instanceof HttpError && err.statusCode < 429) ||
          attempt > maxRetries ||
          /max retry time/i.test(err.message);
        if (final) this.counts.dropped += lines.length;
      },
      writeRetrySkipped: (entry: { lines: string[] }) => {
        this.counts.dropped += entry.lines.length;
      },
    });
    this.queryApi = db.getQueryApi(this.opts.org);
  }

  async write(batch: readonly Position[]): Promise<void> {
    const api = this.api();
    api.writePoints(batch.map(toPoint));
    this.counts.queued += batch.length;
  }

  async track(vehicleId: string, from: number, to: number, limit = DEFAULT_TRACK_LIMIT): Promise<Position[]> {
    const rows = await this.query().collectRows<FluxRow>(trackQuery(this.opts.bucket, vehicleId, from, to, limit));
    return rowsToTrack(rows).sort((a, b) => a.ts - b.ts);
  }

  async lastPositions(): Promise<Position[]> {
    const rows = await this.query().collectRows<FluxRow>(lastQuery(this.opts.bucket, this.opts.lookbackDays));
    return newestPerVehicle(rows);
  }

  /** Send what is queued and wait until every point queued so far is written or given up on. */
  async flush(): Promise<void> {
    const errorsBefore = this.counts.errors;
    await this.api().flush(true);
    const deadline = Date.now() + (this.opts.timeoutMs ?? 10_000);
    while (this.stats().buffered > 0) {
      if (this.counts.errors > errorsBefore)
        throw new Error(`influx write failed: ${this.lastError ?? 'unknown error'}`);
      if (Date.now() > deadline) throw new Error(`influx flush timed out with ${this.stats().buffered} points pending`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    const api = this.writeApi;
    this.writeApi = undefined;
    if (api) await api.close();
  }

  stats(): StoreStats {
    const { written, dropped, errors, queued } = this.counts;
    return {
      kind: 'influx',
      written,
      dropped,
      errors,
      duplicates: 0,
      buffered: Math.max(0, queued - written - dropped),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private api(): WriteApi {
    if (!this.writeApi) throw new Error('influx store is not open');
    return this.writeApi;
  }

  private query(): QueryApi {
    if (!this.queryApi) throw new Error('influx store is not open');
    return this.queryApi;
  }
}

function rowsToTrack(rows: readonly FluxRow[]): Position[] {
  return rows.flatMap((r) => {
    const p = fromRow(r);
    return p ? [p] : [];
  });
}
