import { describe, expect, it } from 'vitest';
import { ACCESS_RULES } from './access.ts';
import { openApiDocument, openApiPath } from './openapi.ts';

interface Op {
  summary: string;
  'x-roles': unknown;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
}

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>> };

  it('describes every route of the access table with its roles, parameters and body', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ACCESS_RULES) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op!['x-roles']).toEqual(r.roles);
    }
    const ack = doc.paths['/api/alerts/{id}/ack']!.post!;
    expect(ack.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    const alerts = doc.paths['/api/alerts']!.get!;
    expect(alerts.parameters!.map((p) => p.name)).toEqual(['since', 'unacked', 'limit']);
    const login = doc.paths['/api/auth/login']!.post!;
    expect(Object.keys(login.requestBody!.content['application/json'].schema.properties!)).toEqual([
      'username',
      'password',
    ]);
    expect(doc.paths['/api/evidence/{path}']!.get).toBeDefined();
  });
});
