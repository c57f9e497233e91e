/** Turning the first zod issue of a payload into a named rejection. */
import type { z } from 'zod';
import { reject, type Rejection } from '../types.ts';

const COORDINATES = new Set(['lat', 'lon']);

function lookup(obj: unknown, keys: readonly PropertyKey[]): unknown {
  let cur = obj;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export function issueToRejection(error: z.ZodError, input: Record<string, unknown>, vehicleId: string): Rejection {
  const issue = error.issues[0];
  if (!issue) return reject('bad_field', 'payload does not match the schema', vehicleId);
  const field = issue.path.map(String).join('.') || '(payload)';
  if (issue.path.length > 0 && lookup(input, issue.path) === undefined) {
    return reject('missing_field', `field "${field}" is missing`, vehicleId);
  }
  const head = String(issue.path[0] ?? '');
  const reason = COORDINATES.has(head) ? 'bad_coordinates' : 'bad_field';
  return reject(reason, `field "${field}": ${issue.message}`, vehicleId);
}
