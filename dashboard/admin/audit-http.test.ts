import { describe, expect, it } from 'vitest';
import { inferNote, paramsOf } from './audit-http.ts';

describe('audit entries of writes nobody named', () => {
  it('names case actions by their action on the case, known routes by name, the rest by route', () => {
    expect(paramsOf('/api/cases/:id/actions/:action', '/api/cases/C%2F1/actions/dispatch')).toEqual({
      id: 'C/1',
      action: 'dispatch',
    });
    expect(
      inferNote('POST', '/api/cases/:id/actions/:action', '/api/cases/C-7/actions/dispatch', { unit: 'u' }),
    ).toEqual({ kind: 'case', action: 'case.dispatch', target: 'C-7', detail: { unit: 'u' } });
    expect(inferNote('POST', '/api/inspector/tasks/:id/check', '/api/inspector/tasks/C-8/check', undefined)).toEqual({
      kind: 'case',
      action: 'case.check',
      target: 'C-8',
      detail: undefined,
    });
    expect(inferNote('PUT', '/api/cameras/:id/zones', '/api/cameras/cam-1/zones', { zones: [] })).toMatchObject({
      kind: 'other',
      action: 'zones.save',
      target: 'cam-1',
    });
    expect(inferNote('POST', '/api/somewhere/new', '/api/somewhere/new', {})).toMatchObject({
      kind: 'other',
      action: 'POST /api/somewhere/new',
    });
    expect(inferNote('POST', '/api/notices/read', '/api/notices/read', {})).toBeUndefined();
  });
});
