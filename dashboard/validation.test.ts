/**
 * Table-driven: bad input to every route that takes a body or a query (as the routes declare them, the dashboard's
 * and every capability's) is answered 400 with a stable code, the field, and a message in the asked-for language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { declaredRoutes, type DeclaredRoute } from '../kernel/http/access.ts';
import { ROLES, type Role } from '../kernel/types/user.ts';
import { login, startDashboardApp, type Client } from './testing.ts';

let app: App;
const zh = {} as Record<Role, Client>;
const en = {} as Record<Role, Client>;

beforeAll(async () => {
  app = await startDashboardApp();
  for (const role of ROLES) {
    zh[role] = await login(app.url(), role, 'zh-CN');
    en[role] = await login(app.url(), role, 'en');
  }
});
afterAll(async () => app?.stop());

/** Every route of the running app that declares its roles, with its query and body schemas. */
const declared = (): DeclaredRoute[] => declaredRoutes(app.http.app.routes);

const path = (p: string): string => p.replace(/:\w+(\{[^}]*\})?/g, 'x-test').replace(/\*$/, 'x-test');
const roleFor = (r: DeclaredRoute): Role =>
  r.roles === 'public' ? 'admin' : r.roles.includes('admin') ? 'admin' : r.roles[0]!;
const CJK = /[\u4e00-\u9fff]/;

interface Body {
  error: string;
  message: string;
  field?: string;
  errorId: string;
}

async function both(
  r: DeclaredRoute,
  init: (c: Client) => Promise<Response>,
): Promise<{ status: number; zh: Body; en: Body }> {
  const a = await init(zh[roleFor(r)]);
  const b = await init(en[roleFor(r)]);
  expect(b.status).toBe(a.status);
  return { status: a.status, zh: (await a.json()) as Body, en: (await b.json()) as Body };
}

function expectLocalised(route: string, got: { status: number; zh: Body; en: Body }, codes: readonly string[]): void {
  expect({ route, status: got.status }).toEqual({
    route,
    status: got.status >= 400 && got.status < 500 ? got.status : 'a 4xx',
  });
  expect({ route, code: codes.includes(got.zh.error) }).toEqual({ route, code: true });
  expect({ route, zh: CJK.test(got.zh.message), en: CJK.test(got.en.message) }).toEqual({ route, zh: true, en: false });
  expect(got.zh.errorId).toMatch(/^e-[0-9a-f]{10}$/);
}

describe('bad input gives a clear, localised error', () => {
  it('an unknown body field on every route with a body → 400 naming the field', async () => {
    const routes = declared().filter((r) => r.body);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const r of routes) {
      const got = await both(r, (c) => c.fetch(path(r.path), { method: r.method, json: { __bogus__: 1 } }));
      expectLocalised(`${r.method} ${r.path}`, got, ['bad_request']);
      expect(got.zh.field, `${r.method} ${r.path}`).toMatch(/^(body|path)/);
    }
  });

  it('an unknown query parameter on every route with a query → 400 naming it', async () => {
    const routes = declared().filter((r) => r.query);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const r of routes) {
      const got = await both(r, (c) => c.fetch(`${path(r.path)}?__bogus__=1`, { method: r.method }));
      expectLocalised(`${r.method} ${r.path}`, got, ['bad_request']);
      expect(got.zh.message).toContain('__bogus__');
    }
  });

  it('malformed JSON and a non-JSON body to every JSON route → 400 / 415', async () => {
    for (const r of declared().filter((x) => x.body)) {
      const broken = await both(r, (c) =>
        c.fetch(path(r.path), { method: r.method, body: '{"a":', headers: { 'Content-Type': 'application/json' } }),
      );
      expectLocalised(`${r.method} ${r.path}`, broken, ['bad_json', 'bad_request']);
      const text = await both(r, (c) =>
        c.fetch(path(r.path), { method: r.method, body: 'hello', headers: { 'Content-Type': 'text/plain' } }),
      );
      expectLocalised(`${r.method} ${r.path}`, text, ['unsupported_media', 'bad_request']);
    }
  });

  it('names each bad field of a zone edit, in Chinese and in English', async () => {
    const body = {
      zones: [
        {
          id: 'bad id!',
          kind: 'juggling',
          polygon: [
            [0, 0],
            [2, 0],
          ],
        },
      ],
    };
    const a = await zh.operator.fetch('/api/cameras/cam-1/zones', { method: 'PUT', json: body });
    const b = await en.operator.fetch('/api/cameras/cam-1/zones', { method: 'PUT', json: body });
    const za = (await a.json()) as Body & { issues: { field: string; message: string }[] };
    const zb = (await b.json()) as Body & { issues: { field: string; message: string }[] };
    expect(a.status).toBe(400);
    expect(za.issues.map((i) => i.field).sort()).toEqual([
      'body.zones[0].id',
      'body.zones[0].kind',
      'body.zones[0].polygon',
      'body.zones[0].polygon[1][0]',
    ]);
    expect(za.issues.find((i) => i.field === 'body.zones[0].kind')!.message).toBe(
      '类型：取值必须是 no-vending, litter-watch 之一',
    );
    expect(zb.issues.find((i) => i.field === 'body.zones[0].polygon')!.message).toBe(
      'body.zones[0].polygon: at least 3 items',
    );
    expect(zb.issues.find((i) => i.field === 'body.zones[0].polygon[1][0]')!.message).toBe(
      'body.zones[0].polygon[1][0]: must be at most 1',
    );
  });
});
