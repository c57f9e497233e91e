/** What every component gets: resolved config, where files live, the bus, the logger, the clock. */
import type { EventBus } from './bus.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config/schema.ts';
import type { Logger } from './log.ts';

export interface AppContext {
  readonly config: Config;
  /** Directory relative paths in the config resolve against. */
  readonly baseDir: string;
  /** Absolute data directory (databases, evidence, recordings). */
  readonly dataDir: string;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly clock: Clock;
  readonly startedAt: number;
}
