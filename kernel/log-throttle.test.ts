import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle.ts';
import type { Logger } from './log.ts';

describe('LogThrottle', () => {
  it('logs the first N lines a minute, then one summary line with how many were held back', () => {
    const lines: string[] = [];
    const log = { warn: (_f: unknown, m: string) => lines.push(m) } as unknown as Logger;
    let t = 1_000_000;
    const th = new LogThrottle(log, 3, () => t);
    for (let i = 0; i < 10; i++) th.warn({ i }, `refused ${i}`);
    expect(lines).toEqual(['refused 0', 'refused 1', 'refused 2']);
    t += 60_000;
    th.warn({}, 'refused 10');
    expect(lines.slice(3)).toEqual(['7 more such lines in the last minute', 'refused 10']);
  });
});
