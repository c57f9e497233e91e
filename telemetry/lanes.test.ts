import { describe, expect, it } from 'vitest';
import { Lanes } from './lanes.ts';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* a slow stage */
  }
}

describe('Lanes', () => {
  it('keeps each vehicle in arrival order and interleaves vehicles round-robin', async () => {
    const seen: string[] = [];
    const lanes = new Lanes<number>({
      laneLimit: 100,
      slice: 2,
      budgetMs: 50,
      handle: (k, i) => seen.push(`${k}${i}`),
      afterTurn: () => {},
    });
    for (let i = 1; i <= 5; i++) lanes.push('A', i);
    lanes.push('B', 1);
    lanes.push('B', 2);
    lanes.push('C', 1);
    await lanes.idle();
    expect(seen).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'A3', 'A4', 'A5']);
  });

  it('a slow vehicle with a backlog does not hold up another vehicle', async () => {
    const seen: string[] = [];
    const turns: number[] = [];
    const lanes = new Lanes<number>({
      laneLimit: 1000,
      slice: 4,
      budgetMs: 20,
      handle: (k, i) => {
        if (k === 'SLOW') busy(2);
        seen.push(`${k}${i}`);
      },
      afterTurn: () => turns.push(seen.length),
    });
    for (let i = 0; i < 200; i++) lanes.push('SLOW', i);
    lanes.push('FAST', 0);
    await lanes.idle();
    // FAST's only fix is handled in the first round, right after SLOW's first slice, not after SLOW's 200.
    expect(seen.indexOf('FAST0')).toBe(4);
    expect(seen.filter((s) => s.startsWith('SLOW'))).toEqual(Array.from({ length: 200 }, (_, i) => `SLOW${i}`));
    // The 400 ms of SLOW work was split into several turns, yielding to the event loop between them.
    expect(turns.length).toBeGreaterThan(5);
  });

  it('refuses items beyond a lane limit, per lane', async () => {
    const lanes = new Lanes<number>({ laneLimit: 3, slice: 1, budgetMs: 5, handle: () => {}, afterTurn: () => {} });
    expect([1, 2, 3, 4].map((i) => lanes.push('A', i))).toEqual([true, true, true, false]);
    expect(lanes.push('B', 1)).toBe(true);
    expect(lanes.pending).toBe(4);
    await lanes.idle();
    expect(lanes.pending).toBe(0);
  });
});
