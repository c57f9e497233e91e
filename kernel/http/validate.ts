/** Request validation with zod: `zv('json' | 'query' | 'param', schema)` → typed `c.req.valid(...)` or a 400. */
import type { Env, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { formatPath } from '../config/load.ts';
import { HttpError, type FieldIssue } from './errors.ts';

type Target = 'json' | 'query' | 'param';
const TARGET_NAME: Record<Target, string> = { json: 'body', query: 'query', param: 'path' };

/** Keyed by the middleware function itself (functions are objects; any handler signature). */
const validators = new WeakMap<object, { readonly target: Target; readonly schema: z.ZodType }>();

/** What a `zv` middleware validates (the OpenAPI document reads a route's query and body schemas from it). */
export function validatorOf(handler: object): { readonly target: Target; readonly schema: z.ZodType } | undefined {
  return validators.get(handler);
}

/** zod issues → field issues with message keys under validation.* (localised by the error handler). */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i): FieldIssue => {
    const path = formatPath(i.path);
    const field = prefix ? (i.path.length ? `${prefix}.${path}` : prefix) : path;
    switch (i.code) {
      case 'invalid_type':
        // Without reportInput (others' schema.parse) only the message tells a missing value.
        return ('input' in i ? i.input === undefined : /received undefined/.test(i.message))
          ? { field, key: 'validation.required', params: { field } }
          : { field, key: 'validation.invalid_type', params: { field, expected: i.expected } };
      case 'too_small':
      case 'too_big': {
        const bound: Record<string, string> =
          i.code === 'too_small' ? { minimum: String(i.minimum) } : { maximum: String(i.maximum) };
        const suffix = i.origin === 'string' ? '_string' : i.origin === 'array' || i.origin === 'set' ? '_array' : '';
        return { field, key: `validation.${i.code}${suffix}`, params: { field, ...bound } };
      }
      case 'invalid_format':
        return { field, key: 'validation.invalid_format', params: { field, format: i.format } };
      case 'invalid_value':
        return { field, key: 'validation.invalid_value', params: { field, values: i.values.map(String).join(', ') } };
      case 'unrecognized_keys':
        return { field, key: 'validation.unrecognized_keys', params: { field, keys: i.keys.join(', ') } };
      case 'custom':
        return { field, key: 'validation.custom', params: { field, detail: i.message } };
      default:
        return { field, key: 'validation.other', params: { field } };
    }
  });
}

/** A 400 naming every bad field. */
export function badRequest(error: z.ZodError, prefix = ''): HttpError {
  return new HttpError('bad_request', {}, fieldIssues(error, prefix));
}

/** Parse `value` with `schema` or throw a 400 naming the fields (for handlers that validate by hand). */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) throw badRequest(r.error, prefix);
  return r.data;
}

/** Validation middleware: JSON bodies must be sent as application/json; malformed JSON is bad_json. */
export function zv<T extends Target, S extends z.ZodType>(
  target: T,
  schema: S,
): MiddlewareHandler<Env, string, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }> {
  const mw: MiddlewareHandler<Env, string, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }> = async (
    c,
    next,
  ) => {
    let value: unknown;
    if (target === 'json') {
      const type = (c.req.header('Content-Type') ?? '').trim();
      if (!/^application\/([\w.-]+\+)?json\b/i.test(type)) throw new HttpError('unsupported_media');
      try {
        value = await c.req.json();
      } catch {
        throw new HttpError('bad_json');
      }
    } else if (target === 'query') {
      value = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    } else {
      value = c.req.param();
    }
    c.req.addValidatedData(target, parseOr400(schema, value, TARGET_NAME[target]) as object);
    await next();
  };
  validators.set(mw, { target, schema });
  return mw;
}
