import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tr } from './i18n.ts';
import { fieldIssues, parseOr400 } from '../kernel/http/validate.ts';
import { HttpError } from '../kernel/http/errors.ts';

const schema = z.strictObject({
  name: z.string().min(2),
  n: z.number().max(5),
  kind: z.enum(['a', 'b']),
  tags: z.array(z.string()).min(1),
});

describe('zod issues → localised field messages', () => {
  it('names a missing field "required" and gives bounds, choices and unknown keys', () => {
    let err: unknown;
    try {
      parseOr400(schema, { name: 'x', kind: 'c', tags: [], extra: 1 }, 'body');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpError);
    const issues = (err as HttpError).issues;
    const msg = (locale: 'zh-CN' | 'en') =>
      Object.fromEntries(issues.map((i) => [i.field, tr(locale, i.key, i.params)]));
    expect(msg('en')).toEqual({
      'body.name': 'body.name: at least 2 characters',
      'body.n': 'body.n: required',
      'body.kind': 'body.kind: must be one of a, b',
      'body.tags': 'body.tags: at least 1 items',
      body: 'body: unknown field(s) extra',
    });
    expect(msg('zh-CN')['body.n']).toBe('body.n：必填');
  });

  it('tells a wrong type from a missing value without the input (errors from a plain schema.parse)', () => {
    const r = z.strictObject({ a: z.number(), b: z.number() }).safeParse({ a: 'x' });
    expect(r.success).toBe(false);
    expect(fieldIssues(r.error!).map((i) => i.key)).toEqual(['validation.invalid_type', 'validation.required']);
  });
});
