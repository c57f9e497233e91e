import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from '../../../../../cases/calendar.ts';
import { byUrgency, workingHoursLeft } from './time-left.ts';

const cal: WorkCalendar = {
  timezone: 'Asia/Shanghai',
  hours: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekend: [0, 6],
  holidays: ['2026-10-01'],
  workdays: [],
};
const at = (s: string): number => Date.parse(`${s}+08:00`);

describe('working hours left', () => {
  it('counts only working time before the deadline', () => {
    // Wed 11:00 → Wed 14:30: 1 h before lunch + 1 h after
    expect(workingHoursLeft(cal, at('2026-12-02T14:30:00'), at('2026-12-02T11:00:00'))).toBeCloseTo(2);
    // Fri 17:00 → Mon 09:00 over the weekend: 0.5 + 0.5
    expect(workingHoursLeft(cal, at('2026-12-07T09:00:00'), at('2026-12-04T17:00:00'))).toBeCloseTo(1);
  });
  it('is negative once overdue, skipping the night and holidays', () => {
    expect(workingHoursLeft(cal, at('2026-09-30T17:00:00'), at('2026-10-02T09:30:00'))).toBeCloseTo(-1.5);
  });
});

describe('task order', () => {
  it('puts overdue first (longest overdue on top), then the nearest deadline, then none', () => {
    const now = 1000;
    const tasks = [
      { id: 'a', deadline: 5000 },
      { id: 'b' },
      { id: 'c', deadline: 900 },
      { id: 'd', deadline: 100 },
      { id: 'e', deadline: 2000 },
    ];
    expect(byUrgency(tasks, now).map((t) => t.id)).toEqual(['d', 'c', 'e', 'a', 'b']);
  });
});
