/** Small schema pieces reused by several config sections. */
import { z } from 'zod';
import { isTimeZone } from '../time.ts';

export const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, "_", "-" or "." (no spaces)');

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time "HH:MM" (00:00–24:00)');

export const timeWindow = z
  .strictObject({
    start: hhmm.describe('Start of the window, local time "HH:MM".'),
    end: hhmm.describe('End of the window, local time "HH:MM"; an end before the start wraps past midnight.'),
    weekdays: z
      .array(z.number().int().min(0).max(6))
      .optional()
      .describe('Days the window applies, 0 = Sunday … 6 = Saturday; all days when omitted.'),
  })
  .describe('A daily time window.');

export const latLon = z
  .strictObject({
    lat: z.number().min(-90).max(90).describe('Latitude, WGS-84 degrees.'),
    lon: z.number().min(-180).max(180).describe('Longitude, WGS-84 degrees.'),
  })
  .describe('A point on the map.');

export const categoryCode = z.string().regex(/^\d{2}-\d{2}$/, 'must be a category code "MM-NN", e.g. "05-04"');

export const timezone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai"');

/** A cross-field check: returns problems as [path, message]. */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}
