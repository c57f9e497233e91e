/** The one error handler: every thrown error becomes an ErrorBody with a stable code, a worded message and an id. */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { DatabaseUnavailableError } from '../db/types.ts';
import { GridwatchError, InputError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { ERROR_STATUS, HttpError, newErrorId, type ErrorBody, type ErrorCode } from './errors.ts';
import { plainMessages, type Locale, type Messages, type Params } from './messages.ts';
import { fieldIssues } from './validate.ts';
import { CATALOG } from '../messages/catalog.ts';
import { msg, type TextParams } from '../messages/text.ts';
import { defaultTexts, type Texts } from '../messages/texts.ts';

const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Any error → an HttpError (expected) or undefined (a bug: 500). */
export function classify(err: unknown, c: Context): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof z.ZodError) return new HttpError('bad_request', {}, fieldIssues(err));
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new HttpError('bad_json');
    const code = BY_STATUS[err.status];
    return code ? new HttpError(code, { what: c.req.path, detail: err.message, seconds: 60 }) : undefined;
  }
  // A route that read its body with c.req.json() on malformed JSON.
  if (err instanceof SyntaxError && c.req.method !== 'GET' && /JSON/.test(err.message))
    return new HttpError('bad_json');
  // a malformed percent-encoding in the URL (decodeURIComponent): the client's fault, not a bug
  if (err instanceof URIError) return new HttpError('bad_request', { detail: msg('common.badUrl') });
  if (err instanceof InputError) return new HttpError('bad_request', { detail: err.text ?? err.message });
  // the database went away (kernel/db): 503 while it reconnects, not a bug
  if (err instanceof DatabaseUnavailableError)
    return new HttpError('unavailable', { what: err.message, detail: err.message }, [], { 'Retry-After': '5' });
  if (err instanceof GridwatchError) {
    const code = err.code in ERROR_STATUS ? (err.code as ErrorCode) : 'conflict';
    return new HttpError(code, { detail: err.text ?? err.message, what: err.text ?? err.message });
  }
  return undefined;
}

/** Parameters as plain values: Texts, times and names rendered in `locale`. */
function plain(params: TextParams, locale: Locale, texts: Texts): Params {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'object' ? texts.param(v, locale) : v;
  return out;
}

/**
 * A field path as the UI labels it in Chinese ("body.reason" → 原因), from the server catalog's `fields.*`; English
 * keeps the exact path (API clients read it), as does a field with no label.
 */
export function fieldLabel(field: string, locale: Locale): string {
  if (locale === 'en') return field;
  const leaf =
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .at(-1) ?? field;
  return CATALOG[locale][`fields.${leaf}`] ?? field;
}

/** Render an expected error in `locale`. */
export function errorBody(
  err: HttpError,
  locale: Locale,
  errorId: string,
  messages = plainMessages,
  texts: Texts = defaultTexts,
): ErrorBody {
  const issues = err.issues.map((i) => {
    const params = i.params;
    const named = typeof params.field === 'string' ? { ...params, field: fieldLabel(params.field, locale) } : params;
    return { field: i.field, key: i.key, params, message: messages.tr(locale, i.key, named) };
  });
  const params: Params = {
    errorId,
    detail: issues.map((i) => i.message).join('; '),
    ...plain(err.params, locale, texts),
  };
  const key = `errors.${err.code}`;
  return {
    error: err.code,
    message: messages.has(key) ? messages.tr(locale, key, params) : String(params.detail || params.what || err.code),
    key,
    errorId,
    ...(issues.length ? { field: issues[0]!.field, issues } : {}),
    ...(err.current !== undefined ? { current: err.current } : {}),
  };
}

export interface ErrorHandlerOptions {
  readonly log: Logger;
  /** server.locale: the language when a request asks for none the messages have. */
  readonly locale: Locale;
  /** The message files (the dashboard's); plain, unlocalised details without. */
  readonly messages?: Messages;
  /** Renders parameters that are server messages (kernel/messages): calendar zone, names. */
  readonly texts?: Texts;
}

export function errorHandler(opts: ErrorHandlerOptions): ErrorHandler {
  const messages = opts.messages ?? plainMessages;
  return (err, c) => {
    const errorId = newErrorId();
    const locale = messages.pick(c.req.header('Accept-Language'), opts.locale);
    const expected = classify(err, c);
    if (expected) {
      opts.log.debug({ errorId, code: expected.code, path: c.req.path, method: c.req.method }, 'request refused');
      for (const [k, v] of Object.entries(expected.headers)) c.header(k, v);
      return c.json(errorBody(expected, locale, errorId, messages, opts.texts), expected.status);
    }
    opts.log.error({ err, errorId, path: c.req.path, method: c.req.method }, 'request failed');
    return c.json(errorBody(new HttpError('internal'), locale, errorId, messages, opts.texts), 500);
  };
}

export function notFoundHandler(locale: Locale, messages = plainMessages): NotFoundHandler {
  return (c) => {
    const asked = messages.pick(c.req.header('Accept-Language'), locale);
    return c.json(errorBody(new HttpError('not_found', { what: c.req.path }), asked, newErrorId(), messages), 404);
  };
}
