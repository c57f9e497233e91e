import { afterEach, describe, expect, it } from 'vitest';
import type { ViolationEvent } from '../../kernel/bus.ts';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig, waitFor } from '../../kernel/testing.ts';
import type { Position } from '../../kernel/types/index.ts';
import { RouteService } from './service.ts';
import { at, gridLines, writeLines } from './testing.ts';

const T = Date.parse('2026-03-02T06:00:00Z');
const min = (m: number): number => T + m * 60_000;

function setup(tickMs = 0) {
  const streets = writeLines(gridLines().filter((l) => l.id === 'row1' || l.id === 'row2'));
  const { config, baseDir } = testConfig({
    vehicles: [
      { id: 'V1', type: 'sweeper', contractor: 'Clean Co', plan: 'p1' },
      { id: 'V2', type: 'sweeper' },
    ],
    plans: [{ id: 'p1', streets, timezone: 'UTC', windows: [{ start: '06:00', end: '08:00' }], startGraceMinutes: 15 }],
  });
  const clock = new ManualClock(T);
  const bus = new EventBus();
  const events: ViolationEvent[] = [];
  bus.on('violation', (e) => void events.push(e));
  const ctx: AppContext = { config, baseDir, dataDir: '/tmp', bus, log: silentLogger(), clock, startedAt: T };
  return { svc: new RouteService(ctx, { tickMs }), clock, events };
}

const pos = (vehicleId: string, ts: number, xM: number, yM: number, late = false): Position => {
  const [lon, lat] = at(xM, yM);
  return { vehicleId, ts, lat, lon, work: { active: true }, receivedAt: ts, late };
};
const summary = (events: readonly ViolationEvent[]) =>
  events
    .filter((e) => e.phase !== 'update')
    .map((e) => `${e.phase} ${e.violation.kind}@${Math.round((e.violation.start - T) / 60_000)}`);

let running: RouteService | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('RouteService: the telemetry pipeline stage', () => {
  it(
    'a working day as a timeline: off-route, late start, lost signal, incomplete coverage; reports per day and ' +
      'contractor',
    async () => {
      const { svc, clock, events } = setup();
      running = svc;
      await svc.start();
      clock.set(min(16));
      svc.tick(); // nothing by 06:15 → late start
      // 06:20–06:25 sweeping Row 1 eastwards at 6 km/h (8.3 m per 5 s)
      let t = min(20);
      for (let x = 0; x <= 300; x += 8.3, t += 5000) svc.observe(pos('V1', t, x, 101));
      // then 3 minutes north up Col 3 (not assigned) and beyond the streets
      for (let y = 110; y <= 480; y += 10, t += 5000) svc.observe(pos('V1', t, 300, y));
      svc.observe(pos('V2', t, 0, 0)); // a vehicle without a plan: skipped
      svc.observe(pos('V1', t - 60_000, 0, 0, true)); // a late fix: skipped
      clock.set(t + 10 * 60_000);
      svc.tick(); // silent for 10 minutes → signal lost
      svc.observe(pos('V1', t + 11 * 60_000, 300, 200)); // back on Row 2
      clock.set(min(121));
      svc.tick(); // 08:01: the window ended
      expect(summary(events)).toEqual([
        'start late-start@15',
        'end late-start@15',
        'start off-route@25', // left Row 1 northwards at 06:25
        'start signal-lost@26', // silent from the last fix at 06:26
        'end signal-lost@26', // the fix back on Row 2 at 06:37
        'end off-route@25', // still open at the window end, closed by it
        'start incomplete-coverage@0',
        'end incomplete-coverage@0',
      ]);
      const cov = events.find((e) => e.violation.kind === 'incomplete-coverage')!.violation;
      expect(cov.description).toMatch(/covered 5\d\.\d % of 600 m assigned .*missed: Row 2/);
      expect(cov.missedSegments.length).toBeGreaterThan(0);
      expect(cov.missedSegments.every((s) => s.startsWith('row2:'))).toBe(true);
      expect(cov.category).toBe('90-02');
      expect(cov.contractor).toBe('Clean Co');
      const off = events.find((e) => e.violation.kind === 'off-route' && e.phase === 'end')!.violation;
      expect(off.track.length).toBeGreaterThan(10);
      expect(off.track.every((p) => p.ts >= off.start)).toBe(true);
      const [day] = svc.reports();
      expect(day).toMatchObject({ vehicleId: 'V1', contractor: 'Clean Co', day: '2026-03-02', planId: 'p1' });
      expect(day!.distanceM).toBeGreaterThan(600);
      // Row 1 of Rows 1–2
      expect(day!.coverage! * 100).toBeCloseTo(Number(/covered ([\d.]+) %/.exec(cov.description)![1]), 0);
      expect(day!.violations).toEqual({ 'late-start': 1, 'off-route': 1, 'signal-lost': 1, 'incomplete-coverage': 1 });
      expect(svc.health()).toMatchObject({ state: 'ok', stats: { vehicles: 1, skipped: 2 } });
      expect(svc.openViolations()).toEqual([]);
    },
  );

  it('the timer drives ticks from the Clock', async () => {
    const { svc, clock, events } = setup(10);
    running = svc;
    await svc.start();
    svc.observe(pos('V1', min(5), 50, 100));
    clock.set(min(30));
    await waitFor(() => events.some((e) => e.violation.kind === 'signal-lost' && e.phase === 'start'), 5000);
    expect(svc.openViolations().map((v) => v.kind)).toContain('signal-lost');
  });

  it('a config with a broken plan fails to start with a message naming it', async () => {
    const { config, baseDir } = testConfig({ plans: [{ id: 'bad', streets: '/nonexistent.geojson' }] });
    const bus = new EventBus();
    const svc = new RouteService({
      config,
      baseDir,
      dataDir: '/tmp',
      bus,
      log: silentLogger(),
      clock: new ManualClock(0),
      startedAt: 0,
    });
    await expect(svc.start()).rejects.toThrow(/plans\[0\]\.streets: cannot read road network/);
  });
});
