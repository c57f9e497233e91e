import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { declaredRoutes } from '../kernel/http/access.ts';
import { openApiDocument, openApiPath } from './openapi.ts';
import { startDashboardApp } from './testing.ts';

let app: App;
beforeAll(async () => {
  app = await startDashboardApp();
});
afterAll(async () => app?.stop());

interface Op {
  summary: string;
  'x-roles': unknown;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
}

describe('the OpenAPI document', () => {
  it('describes every declared route with its roles, parameters and body', () => {
    const doc = openApiDocument(app.http.app.routes) as { openapi: string; paths: Record<string, Record<string, Op>> };
    expect(doc.openapi).toBe('3.1.0');
    const routes = declaredRoutes(app.http.app.routes);
    expect(routes.length).toBeGreaterThanOrEqual(29);
    for (const r of routes) {
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
