/**
 * The browser tests' demo app: the simulated fleet's morning fed through the real telemetry pipeline reaches route
 * compliance whole (no live simulated fleet racing it with "now"-dated fixes), and every vehicle's windows are judged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import type { ViolationKind } from '../../kernel/types/vehicle.ts';
import { RouteService } from '../../telemetry/route/service.ts';
import { TelemetryService } from '../../telemetry/service.ts';
import { feedTrace, startDemoApp, TRACE_DAY } from './demo-app.ts';

let app: App;
beforeAll(async () => {
  app = await startDemoApp();
  await feedTrace(app);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('demo app + feedTrace', () => {
  it('no fix of the trace is late; each vehicle has its window judged with assigned length and coverage', () => {
    const tel = app.components.find((x): x is TelemetryService => x instanceof TelemetryService)!;
    expect(tel.health().stats).toMatchObject({ late: 0, rejected: 0 });
    expect(app.components.some((c) => c.name === 'demo-fleet' || c.name === 'sim-fleet')).toBe(false);
    const route = app.components.find((x): x is RouteService => x instanceof RouteService)!;
    const days = route.reports();
    expect(days.map((d) => `${d.vehicleId} ${d.day}`).sort()).toEqual(
      ['P-1', 'S-12', 'S-4'].map((v) => `${v} ${TRACE_DAY}`),
    );
    // 00:00–10:00: the sweeper's ten hourly rounds, five two-hourly rounds of the others
    const rounds: Record<string, number> = { 'S-4': 10, 'S-12': 5, 'P-1': 5 };
    for (const d of days) {
      expect(d.fixes, d.vehicleId).toBeGreaterThan(500);
      expect(d.windows, d.vehicleId).toHaveLength(rounds[d.vehicleId]!);
      expect(d.windows[0]!.assignedM, d.vehicleId).toBeGreaterThan(1000);
      expect(d.coverage, d.vehicleId).toBeGreaterThan(0.5);
    }
    // the incidents of that morning, found by the route checks
    const found = new Map(days.map((d) => [d.vehicleId, d.violations]));
    const atLeast: Record<string, Partial<Record<ViolationKind, number>>> = {
      'S-4': { 'late-start': 1, 'off-route': 2, 'signal-lost': 1 },
      'S-12': { 'late-start': 1, 'off-route': 1 },
      'P-1': { 'off-route': 2, 'signal-lost': 2 },
    };
    for (const [id, kinds] of Object.entries(atLeast))
      for (const [kind, n] of Object.entries(kinds) as [ViolationKind, number][])
        expect(found.get(id)?.[kind], `${id} ${kind}`).toBeGreaterThanOrEqual(n);
  });
});
