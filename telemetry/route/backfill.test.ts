/**
 * Fixes delivered after the clock has passed their windows (a day's trace fed into a running service, or buffered
 * fixes uploaded late): the windows they fill are judged from the fixes' own time, exactly as if they had arrived
 * live. Real data: the demo configuration's S-4 plan and the real Jersey City S-4 trace of 2015-12-10.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { silentLogger } from '../../kernel/log.ts';
import { jerseyConfigFile } from '../../demo/index.ts';
import { RouteService } from './service.ts';
import { s4Positions } from './testing.ts';

const EVENING = Date.parse('2015-12-10T23:00:00-05:00');

async function service(startAt: number): Promise<{ svc: RouteService; clock: ManualClock }> {
  const { config, baseDir } = loadConfigFile(jerseyConfigFile);
  const clock = new ManualClock(startAt);
  const svc = new RouteService(
    { config, baseDir, dataDir: '/tmp', bus: new EventBus(), log: silentLogger(), clock, startedAt: startAt },
    { tickMs: 0 },
  );
  await svc.start();
  return { svc, clock };
}

const s4Windows = (svc: RouteService) =>
  svc
    .reports()
    .filter((d) => d.vehicleId === 'S-4')
    .flatMap((d) => d.windows.map((w) => ({ key: w.key, assignedM: w.assignedM, coveredM: w.coveredM })));

describe('RouteService: fixes older than the clock (the real S-4 day fed in the evening)', () => {
  it('judges the 07:00–09:30 window from the fixes: assigned length and coverage as if live', async () => {
    const fixes = s4Positions();
    expect(fixes.length).toBeGreaterThan(250);

    const live = await service(fixes[0]!.ts);
    for (const p of fixes) {
      live.clock.set(p.ts);
      live.svc.tick();
      live.svc.observe(p);
    }
    live.clock.set(EVENING);
    live.svc.tick();

    const late = await service(EVENING); // started at 23:00: the window ended long before the clock started
    for (const p of fixes) late.svc.observe(p);
    late.svc.tick();

    const [w] = s4Windows(late.svc);
    expect(s4Windows(late.svc)).toHaveLength(1);
    expect(w!.key).toBe('2015-12-10#0');
    expect(w!.assignedM).toBeGreaterThan(5000); // Central, Summit, Baldwin Ave, Griffith St
    expect(w!.coveredM / w!.assignedM).toBeGreaterThan(0.5);
    expect(s4Windows(late.svc)).toEqual(s4Windows(live.svc));
    const [day] = late.svc.reports().filter((d) => d.vehicleId === 'S-4');
    expect(day!.coverage).toBeCloseTo(w!.coveredM / w!.assignedM, 9);
    await live.svc.stop();
    await late.svc.stop();
  });
});
