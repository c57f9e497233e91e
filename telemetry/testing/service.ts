/** Test helper: a TelemetryService on its own (no HTTP, no other components) for a given config. */
import { EventBus } from '../../kernel/bus.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig } from '../../kernel/testing.ts';
import { TelemetryService } from '../service.ts';

export async function startService(overrides: Record<string, unknown>): Promise<TelemetryService> {
  const { config, baseDir } = testConfig(overrides);
  const log = silentLogger();
  const ctx: AppContext = {
    config,
    baseDir,
    dataDir: config.dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
    startedAt: Date.now(),
  };
  const svc = new TelemetryService(ctx);
  await svc.start();
  return svc;
}
