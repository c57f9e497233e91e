/**
 * Fuzzed HTTP input (fast-check, seeded): random JSON bodies on every state-changing API route and random query
 * values on every route with query parameters, as admin (who may call them all). Every answer is a 2xx/3xx or a
 * 4xx with the stable error shape — never a 5xx — and the server keeps answering /api/health.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, startTarget, type Target } from './harness.ts';
import { type ApiRoute, apiRoutes, concrete } from './routes.ts';

const fig = recorder(import.meta.filename);
const RUNS = 25;
let target: Target;
let admin: Client;
let routes: ApiRoute[];
let queryParams: Map<string, string[]>;

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
}

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  admin = await target.login('admin');
  routes = await apiRoutes(admin);
  const doc = (await (await admin.fetch('/api/openapi.json')).json()) as OpenApi;
  queryParams = new Map(
    Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => [
        `${m.toUpperCase()} ${p}`,
        (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
      ]),
    ),
  );
});
afterAll(async () => target?.stop());

/** Skip routes that end the fuzzer's own session. */
const fuzzable = (r: ApiRoute): boolean => r.roles !== 'public' && r.path !== '/api/auth/logout';

async function check(res: Response, what: string, bad: string[]): Promise<void> {
  const text = await res.text();
  if (res.status >= 500) bad.push(`${what} → ${res.status} ${text.slice(0, 100)}`);
  else if (res.status >= 400 && !/"error":"[a-z_]+"/.test(text))
    bad.push(`${what} → ${res.status} without the error shape`);
}

describe('fuzzed HTTP input', () => {
  it('random JSON bodies on every write route: 4xx with reasons, never 5xx', async () => {
    const bad: string[] = [];
    let n = 0;
    for (const r of routes.filter((x) => x.method !== 'GET' && fuzzable(x))) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (v) => {
          n++;
          await check(
            await admin.send(r.method, concrete(r.path, 'x'), v),
            `${r.method} ${r.path} ${JSON.stringify(v).slice(0, 60)}`,
            bad,
          );
        }),
        { numRuns: RUNS, seed: 14 },
      );
    }
    fig.fuzz('random JSON bodies on every write route', n);
    expect(fig.attack(`${n} fuzzed JSON bodies`, bad.length === 0), bad.slice(0, 5).join('\n')).toBe(true);
  }, 240_000);

  it('random query values on every route with query parameters: 4xx with reasons, never 5xx', async () => {
    const bad: string[] = [];
    let n = 0;
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '0x10', '-1', '1e308', 'NaN', '%', '\u0000', "' OR 1=1 --", '9'.repeat(40)),
    );
    for (const r of routes.filter((x) => x.method === 'GET' && fuzzable(x) && x.path !== '/api/events')) {
      const names = queryParams.get(`${r.method} ${r.path}`) ?? [];
      if (!names.length) continue;
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length }), async (q) => {
          n++;
          const qs = new URLSearchParams(q).toString();
          await check(await admin.fetch(`${concrete(r.path, 'x')}?${qs}`), `GET ${r.path}?${qs.slice(0, 60)}`, bad);
        }),
        { numRuns: RUNS * 2, seed: 14 },
      );
    }
    fig.fuzz('random query values on every GET route with parameters', n);
    expect(fig.attack(`${n} fuzzed query strings`, bad.length === 0), bad.slice(0, 5).join('\n')).toBe(true);
    expect((await fetch(`${target.url}/api/health`)).status).toBe(200);
  }, 240_000);
});
