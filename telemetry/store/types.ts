/** Where positions are kept: one interface, two implementations (embedded SQLite, InfluxDB 2), one contract suite. */
import type { Position } from '../../kernel/types/index.ts';

export interface StoreStats {
  readonly kind: 'embedded' | 'influx';
  /** Positions written (committed / acknowledged by the server). */
  readonly written: number;
  /** Positions waiting in memory to be written (bounded). */
  readonly buffered: number;
  /** Positions given up on (buffer overflow while the server is unreachable). */
  readonly dropped: number;
  /** Duplicates (same vehicle + ts) the store ignored, where it can tell. */
  readonly duplicates: number;
  readonly errors: number;
  readonly lastError?: string;
}

export interface PositionStore {
  readonly kind: 'embedded' | 'influx';
  open(): Promise<void>;
  /**
   * Queue a batch. Resolves when it is durable (embedded: committed) or, for InfluxDB, accepted into the bounded
   * write/retry buffer; rejects when it could not be taken (the caller then does not acknowledge the messages).
   */
  write(batch: readonly Position[]): Promise<void>;
  /** A vehicle's fixes with from ≤ ts ≤ to, in ts order, at most `limit`. */
  track(vehicleId: string, from: number, to: number, limit?: number): Promise<Position[]>;
  /** The newest fix of every vehicle that has one. */
  lastPositions(): Promise<Position[]>;
  /** Write everything queued now. */
  flush(): Promise<void>;
  /** Flush and release; the store cannot be used afterwards. */
  close(): Promise<void>;
  stats(): StoreStats;
}

export const DEFAULT_TRACK_LIMIT = 100_000;
