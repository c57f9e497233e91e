/**
 * The browser tests' demo app: the real trace fed through the real telemetry pipeline reaches route compliance whole
 * (no live demo fleet racing it with "now"-dated fixes), and every vehicle's work window is judged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { RouteService } from '../../telemetry/route/service.ts';
import { TelemetryService } from '../../telemetry/service.ts';
import { feedTrace, startDemoApp, TRACE_DAY } from './demo-app.ts';

let app: App;
beforeAll(async () => {
  app = await startDemoApp();
  await feedTrace(app);
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

describe('demo app + feedTrace', () => {
  it('no fix of the trace is late; each vehicle has its window judged with assigned length and coverage', () => {
    const tel = app.components.find((x): x is TelemetryService => x instanceof TelemetryService)!;
    expect(tel.health().stats).toMatchObject({ late: 0, rejected: 0 });
    expect(app.components.some((c) => c.name === 'demo-fleet')).toBe(false);
    const route = app.components.find((x): x is RouteService => x instanceof RouteService)!;
    const days = route.reports();
    expect(days.map((d) => `${d.vehicleId} ${d.day}`).sort()).toEqual(
      ['P-1', 'S-12', 'S-4'].map((v) => `${v} ${TRACE_DAY}`),
    );
    for (const d of days) {
      expect(d.fixes, d.vehicleId).toBeGreaterThan(200);
      expect(d.windows, d.vehicleId).toHaveLength(1);
      expect(d.windows[0]!.assignedM, d.vehicleId).toBeGreaterThan(1000);
      expect(d.coverage, d.vehicleId).toBeGreaterThan(0.5);
    }
  });
});
