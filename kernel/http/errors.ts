/**
 * API errors: one shape for every failure, a stable `error` code, a message localised by Accept-Language with the
 * UI's message files (`key` names the message), and an `errorId` that is also logged, so a user's screenshot of an
 * error finds its log line.
 */
import { randomBytes } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TextParams } from '../messages/text.ts';
import type { Params } from './messages.ts';

export const ERROR_STATUS = {
  bad_request: 400,
  bad_json: 400,
  unsupported_media: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one input field. */
export interface FieldIssue {
  /** Field path, e.g. "body.polygon[2]". */
  readonly field: string;
  /** Message key under validation.*, and its parameters. */
  readonly key: string;
  readonly params: Params;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly key: string;
  readonly errorId: string;
  /** The first bad field, for bad_request. */
  readonly field?: string;
  /** Each bad field: its message, and the key + params to word it differently (e.g. with a friendlier field name). */
  readonly issues?: readonly {
    readonly field: string;
    readonly message: string;
    readonly key: string;
    readonly params: Params;
  }[];
  /** A conflict's current state of what was acted on (e.g. the case as it is now), so a client can show it. */
  readonly current?: unknown;
}

/** An expected failure with its stable code; thrown by routes and middleware, rendered by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Placeholder values; a kernel/messages Text (or time, name) is rendered in the request's language. */
    readonly params: TextParams = {},
    readonly issues: readonly FieldIssue[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
    /** Sent as the body's `current` (a conflict: the state the client should now see). */
    readonly current?: unknown,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'HttpError';
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export function newErrorId(): string {
  return `e-${randomBytes(5).toString('hex')}`;
}

export const notFound = (what: string): HttpError => new HttpError('not_found', { what });
export const forbidden = (): HttpError => new HttpError('forbidden');
