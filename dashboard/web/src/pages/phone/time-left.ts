/**
 * Time left to a deadline in working hours (the work calendar's: hours, days off, holidays, 调休), negative when
 * overdue, and the phone task list's order: overdue first (longest overdue first), then the nearest deadline.
 */
import { workingHoursBetween, type WorkCalendar } from '../../../../../cases/calendar.ts';

/** Working hours from `now` to `deadline`; negative (the working hours since) once it has passed. */
export function workingHoursLeft(cal: WorkCalendar, deadline: number, now: number): number {
  return deadline >= now ? workingHoursBetween(cal, now, deadline) : -workingHoursBetween(cal, deadline, now);
}

export interface Task {
  readonly id: string;
  readonly deadline?: number;
}

/** Overdue first (the longest overdue on top), then by deadline; cases without a deadline last, by id. */
export function byUrgency<T extends Task>(tasks: readonly T[], now: number): T[] {
  const key = (t: T): [number, number] => {
    if (t.deadline === undefined) return [2, 0];
    return t.deadline < now ? [0, t.deadline] : [1, t.deadline];
  };
  return [...tasks].sort((a, b) => {
    const [ga, da] = key(a);
    const [gb, db] = key(b);
    return ga - gb || da - db || a.id.localeCompare(b.id);
  });
}
