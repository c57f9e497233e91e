import { describe, expect, it } from 'vitest';
import { availability } from './bigscreen-devices.ts';

const M = 60_000;
describe('availability (盲区时长)', () => {
  it('clips outages to today and counts the ones still going until now', () => {
    const from = 1000 * M;
    const now = from + 600 * M; // 10 hours into the day
    const a = availability(
      ['c1', 'c2', 'c3', 'c4'],
      new Set(['c1', 'c2', 'c3']),
      [
        { id: 'c1', from: from - 60 * M, to: from + 30 * M }, // began yesterday: 30 min today
        { id: 'c2', from: from + 100 * M, to: from + 110 * M }, // 10 min
        { id: 'c4', from: from + 540 * M }, // still offline: 60 min
        { id: 'other', from, to: now }, // not a configured device
      ],
      { from, now },
    );
    expect(a).toMatchObject({ total: 4, online: 3, onlineRate: 0.75, blindMinutes: 100 });
    expect(a.availability).toBeCloseTo(1 - 100 / (4 * 600));
    expect(a.worst).toEqual([
      { id: 'c4', minutes: 60 },
      { id: 'c1', minutes: 30 },
      { id: 'c2', minutes: 10 },
    ]);
  });

  it('no devices: rates are null, not 0', () => {
    expect(availability([], new Set(), [], { from: 0, now: 10 })).toMatchObject({
      onlineRate: null,
      availability: null,
      blindMinutes: 0,
    });
  });
});
