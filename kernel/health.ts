/** Aggregates component health into the /api/health answer. */
import type { Component } from './component.ts';
import type { ComponentHealth, HealthState } from './types/index.ts';
import { errorMessage } from './errors.ts';

export interface HealthReport {
  readonly status: HealthState;
  readonly version: string;
  readonly uptimeSeconds: number;
  readonly components: Readonly<Record<string, ComponentHealth>>;
}

export function healthReport(
  components: readonly Component[],
  version: string,
  startedAt: number,
  now: number,
): HealthReport {
  const out: Record<string, ComponentHealth> = {};
  for (const c of components) {
    try {
      out[c.name] = c.health();
    } catch (err) {
      out[c.name] = { state: 'down', detail: `health check failed: ${errorMessage(err)}` };
    }
  }
  const states = Object.values(out).map((h) => h.state);
  const status: HealthState = states.includes('down')
    ? 'down'
    : states.includes('degraded')
      ? 'degraded'
      : states.includes('starting')
        ? 'starting'
        : 'ok';
  return { status, version, uptimeSeconds: Math.round((now - startedAt) / 1000), components: out };
}
