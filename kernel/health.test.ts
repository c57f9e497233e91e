import { describe, expect, it } from 'vitest';
import type { Component } from './component.ts';
import { healthReport } from './health.ts';
import type { ComponentHealth } from './types/index.ts';

const comp = (name: string, h: () => ComponentHealth): Component => ({
  name,
  start: async () => {},
  stop: async () => {},
  health: h,
});

describe('healthReport', () => {
  it('is ok only when every component is ok', () => {
    const r = healthReport([comp('a', () => ({ state: 'ok' })), comp('b', () => ({ state: 'ok' }))], '1.0.0', 0, 5000);
    expect(r).toMatchObject({ status: 'ok', version: '1.0.0', uptimeSeconds: 5 });
    expect(Object.keys(r.components)).toEqual(['a', 'b']);
  });

  it('takes the worst state and survives a throwing health check', () => {
    const r = healthReport(
      [
        comp('a', () => ({ state: 'degraded' })),
        comp('b', () => {
          throw new Error('nope');
        }),
      ],
      '1',
      0,
      0,
    );
    expect(r.status).toBe('down');
    expect(r.components.b).toEqual({ state: 'down', detail: 'health check failed: nope' });
    expect(healthReport([comp('a', () => ({ state: 'degraded' }))], '1', 0, 0).status).toBe('degraded');
  });
});
