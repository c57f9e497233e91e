/** An AppContext for ingest tests: test config (temp data dir, silent log), a fresh bus, the system clock. */
import { EventBus } from '../../kernel/bus.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { repoRoot, testConfig } from '../../kernel/testing.ts';
import type { CameraStatus } from '../../kernel/types/index.ts';

export function ingestContext(overrides: Record<string, unknown> = {}): AppContext {
  const { config, baseDir } = testConfig(overrides, repoRoot);
  const log = silentLogger();
  return {
    config,
    baseDir,
    dataDir: config.dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
    startedAt: Date.now(),
  };
}

/** Every camera.status event published on the context's bus, in order. */
export function statusLog(ctx: AppContext): CameraStatus[] {
  const events: CameraStatus[] = [];
  ctx.bus.on('camera.status', (s) => void events.push(s));
  return events;
}
