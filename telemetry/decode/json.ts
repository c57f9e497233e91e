/** First step of every decoder: size limit, then JSON text → a plain object. */
import { reject, type Rejection } from '../types.ts';
import { errorMessage } from '../../kernel/errors.ts';

export type JsonResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly rejection: Rejection };

export function parseJsonObject(payload: Buffer, maxBytes: number, vehicleId: string): JsonResult {
  if (payload.length > maxBytes)
    return fail(reject('oversized', `payload is ${payload.length} bytes, the limit is ${maxBytes}`, vehicleId));
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return fail(reject('malformed_json', `payload is not JSON: ${errorMessage(err)}`, vehicleId));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(
      reject(
        'malformed_json',
        `payload must be a JSON object, got ` +
          `${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
        vehicleId,
      ),
    );
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function fail(rejection: Rejection): JsonResult {
  return { ok: false, rejection };
}
