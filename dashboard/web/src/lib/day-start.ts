/** Epoch ms of the start of a calendar day (YYYY-MM-DD, plus `days`) in the work calendar's time zone. */
import { timeZoneStore } from '../i18n/index.ts';

/** Minutes the zone is ahead of UTC at `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return (
    (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(ms / 60000) * 60000) / 60000
  );
}

export function dayStart(day: string, days = 0, timeZone = timeZoneStore.get()): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d + days);
  if (!timeZone) return String(utc + new Date(utc).getTimezoneOffset() * 60000);
  // the offset at the local midnight (guess with the offset at UTC midnight, then correct once)
  const guess = utc - offsetMinutes(utc, timeZone) * 60000;
  return String(utc - offsetMinutes(guess, timeZone) * 60000);
}
