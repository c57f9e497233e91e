/**
 * Finding 11 (HTTP part) and held attacks at the HTTP layer: a malformed percent-encoding answers 400 (was 500);
 * security headers on every kind of response; SQL injection in query parameters; malformed multipart; a slowloris
 * client (headers sent a byte at a time, never finished) is cut off by the server's headers timeout.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, startTarget, type Target } from './harness.ts';
import { outcome } from './routes.ts';

const fig = recorder(import.meta.filename);
let target: Target;
let operator: Client;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
  operator = await target.login('operator');
});
afterAll(async () => target?.stop());

describe('malformed URLs', () => {
  it.each(['/%ff', '/%E0%A4%A', '/api/%ff', '/assets/%c0%af', '/open311/v2/requests/%ff.json'])(
    'GET %s answers 4xx, never 500',
    async (p) => {
      const res = await operator.fetch(p);
      await res.body?.cancel();
      expect(fig.attack(`GET ${p}`, res.status >= 400 && res.status < 500), `status ${res.status}`).toBe(true);
    },
  );
});

describe('security headers', () => {
  const PAGES = ['/', '/api/health', '/api/cases', '/api/nope', '/open311/v2/services.json', '/%ff', '/assets/x.js'];
  it.each(PAGES)('%s has CSP without inline script, frame-ancestors none, nosniff, a referrer policy', async (p) => {
    const res = await operator.fetch(p);
    await res.body?.cancel();
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    const ok =
      csp.includes("frame-ancestors 'none'") &&
      script.length > 0 &&
      !script.includes('unsafe-inline') &&
      res.headers.get('x-content-type-options') === 'nosniff' &&
      !!res.headers.get('referrer-policy');
    expect(fig.attack(`headers on ${p}`, ok), JSON.stringify(Object.fromEntries(res.headers))).toBe(true);
  });
});

describe('SQL injection in query parameters', () => {
  const PAYLOADS = ["' OR '1'='1", '1; DROP TABLE cases; --', "x') UNION SELECT * FROM users --", "%' OR 1=1 --"];
  const total = async (q: string): Promise<{ status: number; total?: number }> => {
    const res = await operator.fetch(`/api/cases?${q}`);
    const body = (await res.json()) as { total?: number };
    return { status: res.status, ...(body.total !== undefined ? { total: body.total } : {}) };
  };
  it('every case filter takes an injection as a plain value: refused or the rows of a harmless value', async () => {
    for (const param of ['status', 'category', 'grid', 'unit', 'source', 'camera', 'from', 'page']) {
      const harmless = await total(`${param}=zzz-no-such-value`);
      for (const p of PAYLOADS) {
        const got = await total(`${param}=${encodeURIComponent(p)}`);
        const held = got.status === 400 || (got.status === 200 && got.total === (harmless.total ?? 0));
        expect(fig.attack(`GET /api/cases?${param}=${p}`, held), JSON.stringify({ harmless, got })).toBe(true);
      }
    }
    const users = await target.cli(['user', 'list', '--json']);
    expect((JSON.parse(users.stdout) as unknown[]).length).toBeGreaterThan(3);
    expect((await operator.fetch('/api/cases')).status).toBe(200);
  });
});

describe('malformed multipart', () => {
  const BODIES: [string, string, string][] = [
    ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="photo"\r\n\r\nabc\r\n--x--'],
    [
      'truncated',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n',
    ],
    ['bad header', 'multipart/form-data; boundary=x', '--x\r\nNope\r\n\r\nabc\r\n--x--\r\n'],
    ['garbage', 'multipart/form-data; boundary=x', '\u0000\u0001\u0002'.repeat(1000)],
  ];
  let admin: Client;
  let caseId: string;
  let key: string;
  beforeAll(async () => {
    admin = await target.login('admin');
    const res = await admin.send('POST', '/api/cases', { category: '05-01', description: '摊贩', address: '解放路' });
    caseId = ((await res.json()) as { case: { id: string } }).case.id;
    key = await target.apiKey('multipart attacker');
  });

  it.each(BODIES)(
    '%s: a photo upload and an Open311 post (with a valid key) answer 400 and the server keeps serving',
    async (name, type, body) => {
      const photo = await outcome(
        await admin.fetch(`/api/cases/${caseId}/photos`, { method: 'POST', headers: { 'Content-Type': type }, body }),
      );
      const o311 = await target.anonymous().fetch(`/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'Content-Type': type, 'X-Api-Key': key },
        body,
      });
      await o311.body?.cancel();
      const held = photo.status === 400 && o311.status === 400;
      expect(fig.attack(`malformed multipart: ${name}`, held), `${photo.status} ${o311.status}`).toBe(true);
      expect((await fetch(`${target.url}/api/health`)).status).toBe(200);
    },
  );
});

describe('slow clients', () => {
  it('a slowloris client (headers a byte every second, never finished) is disconnected by the server', async () => {
    const socket = connect(target.ports.http, '127.0.0.1');
    const request = `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}`;
    let i = 0;
    const closedAfter = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      const drip = setInterval(() => socket.writable && socket.write(request[i++ % request.length]!), 1000);
      socket.on('close', () => {
        clearInterval(drip);
        resolve(Date.now() - t0);
      });
      socket.on('error', () => undefined);
      setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        resolve(Number.POSITIVE_INFINITY);
      }, 45_000);
    });
    expect(fig.attack('slowloris headers on HTTP', closedAfter < 40_000), `closed after ${closedAfter} ms`).toBe(true);
  }, 60_000);
});
