/**
 * Strict number and time parsing for API inputs: no coercion. A query or form value is a string and must be written
 * as a plain decimal number — "" / " " / "0x10" / "1e3" / "true" / "Infinity" are refused with the field named (zod's
 * `z.coerce.number()` turned "" into 0 and "0x10" into 16). A JSON body field must be a JSON number (or a plain
 * decimal string where a form could send it): null and true are refused.
 */
import { z } from 'zod';

const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;
/** YYYY-MM-DD, or a date-time with optional seconds, fraction and offset. */
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** The largest time a JavaScript Date holds (±8.64e15 ms). */
export const MAX_TIME_MS = 8.64e15;

/** A whole number in a query/path string: digits only, within [min, max]. */
export function intString(min: number, max: number) {
  return z
    .string()
    .regex(INTEGER, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** Epoch milliseconds (digits) or an ISO-8601 date / date-time, as epoch ms. */
export const instantString = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const n = /^\d{1,16}$/.test(s) ? Number(s) : ISO.test(s) ? Date.parse(s.replace(' ', 'T')) : Number.NaN;
    if (!Number.isFinite(n) || Math.abs(n) > MAX_TIME_MS) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be epoch milliseconds or an ISO-8601 time such as 2026-11-01T00:00:00+08:00',
      });
      return z.NEVER;
    }
    return n;
  });

/** A number from JSON or a form: a finite JSON number, or a string holding a plain decimal; within [min, max]. */
export function strictNumber(min: number, max: number) {
  return z
    .unknown()
    .transform((v, ctx) => {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && DECIMAL.test(v)) return Number(v);
      ctx.addIssue({ code: 'custom', message: `must be a number written in decimal digits (got ${describe(v)})` });
      return z.NEVER;
    })
    .pipe(z.number().min(min).max(max));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v === '' ? 'an empty string' : `"${v.slice(0, 20)}"`;
  return typeof v;
}
