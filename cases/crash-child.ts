/**
 * Child process for the crash-safety test: opens the store in DATA_DIR, starts the cases module and publishes COUNT
 * camera hits (far apart, so each opens its own automatic case), printing "ok I" after each one has committed.
 * Run: node --import tsx cases/crash-child.ts DATA_DIR COUNT
 */
import { EventBus } from '../kernel/bus.ts';
import { ManualClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { MainStore } from '../kernel/store.ts';
import { fixtureConfig, hit } from './fixture.ts';
import { casesMigrations } from './migrations.ts';
import { CasesModule } from './module.ts';

const [dataDir, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!dataDir || !Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: crash-child.ts DATA_DIR COUNT\n');
  process.exit(2);
}

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const clock = new ManualClock(T0);
const config = fixtureConfig(dataDir);
const log = silentLogger();
const bus = new EventBus(log);
bus.on('hit', () => undefined);
const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock, startedAt: T0 };
const store = MainStore.inDataDir(dataDir, casesMigrations);
await store.start();
const cases = new CasesModule(ctx, store);
await cases.start();

for (let i = 0; i < count; i++) {
  clock.set(T0 + i * 1000);
  // 50 × 50 positions 40 m apart (> dedupMeters 30), each in its own zone: every hit is a new case.
  const location = { lat: 34.0 + (Math.floor(i / 50) % 50) * 0.00036, lon: 118.0 + (i % 50) * 0.00044 };
  bus.emit('hit', { phase: 'start', hit: hit(`burst-${i}`, { zoneId: `z-${i}`, location, start: clock.now() }) });
  process.stdout.write(`ok ${i}\n`);
  if (i % 20 === 0) await new Promise((r) => setImmediate(r));
}
await cases.stop();
await store.stop();
process.stdout.write('done\n');
