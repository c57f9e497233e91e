/** The position store the configuration asks for. */
import path from 'node:path';
import type { Config } from '../../kernel/config/schema.ts';
import type { Logger } from '../../kernel/log.ts';
import { InfluxStore } from './influx.ts';
import { SqliteStore } from './sqlite.ts';
import type { PositionStore } from './types.ts';

export type { PositionStore, StoreStats } from './types.ts';

export function createPositionStore(config: Config, dataDir: string, log: Logger, now: () => number): PositionStore {
  const s = config.storage;
  if (s.kind === 'embedded') {
    return new SqliteStore({
      file: path.resolve(dataDir, s.file),
      batchSize: s.batchSize,
      retentionDays: s.retentionDays,
      now,
    });
  }
  return new InfluxStore({
    url: s.url,
    org: s.org,
    bucket: s.bucket,
    token: s.token,
    batchSize: s.batchSize,
    flushMs: s.flushMs,
    maxBufferPoints: s.maxBufferPoints,
    lookbackDays: Math.max(1, Math.ceil(config.mqtt.maxAgeHours / 24) + 30),
    log,
  });
}
