/**
 * Findings 8, 9 and 11 (Open311 part, creation throttles): Open311 GET published every case — internal camera and
 * vehicle cases, staff notes — to anyone (handlers too, around their unit isolation), an anonymous list cost ~75 ms
 * CPU, number fields were coerced ("" → 0, null → 0, true → 1, "0x10" → 16), the api key was taken from the URL, and
 * nothing throttled case creation. Keys go in the X-Api-Key header here (and in the body, which the code before the
 * fix read), so the same attacks run against both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, startTarget, type Target } from './harness.ts';

const fig = recorder(import.meta.filename);
let target: Target;
let admin: Client;
let key: string;
let n = 0;
/** A fresh client address (server.trustProxy is on): the per-address limit is attacked on purpose only below. */
const addr = (): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none', patch: { server: { trustProxy: true } } });
  admin = await target.login('admin');
  key = await target.apiKey('hotline 12345');
});
afterAll(async () => target?.stop());

const o311 = (path: string, init: RequestInit = {}, from = addr()): Promise<Response> =>
  fetch(`${target.url}/open311/v2/${path}`, {
    ...init,
    headers: { 'X-Forwarded-For': from, ...((init.headers as Record<string, string>) ?? {}) },
  });
const report = (fields: Record<string, unknown>, k = key, from = addr()): Promise<Response> =>
  o311(
    'requests.json',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': k },
      body: JSON.stringify({ api_key: k, ...fields }),
    },
    from,
  );

describe('Open311 publishes only public data', () => {
  it('offers only categories marked public (no sanitation-work 90-xx)', async () => {
    const codes = ((await (await o311('services.json')).json()) as { service_code: string }[]).map(
      (s) => s.service_code,
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(
      fig.attack('Open311 services list internal categories', !codes.some((c) => c.startsWith('90-'))),
      codes.join(),
    ).toBe(true);
  });

  it('shows no internal case, no staff note, no internal description — to anyone, a handler included', async () => {
    const internal = await admin.send('POST', '/api/cases', {
      category: '90-01',
      description: '车辆 S-4 偏离 内部数据',
      address: '车库',
    });
    const internalId = ((await internal.json()) as { case: { id: string } }).case.id;
    const inspector = await admin.send('POST', '/api/cases', {
      category: '01-04',
      description: '巡查员内部备注 STAFF-ONLY',
      address: '解放路 9 号',
    });
    const inspectorId = ((await inspector.json()) as { case: { id: string } }).case.id;
    await admin.send('POST', `/api/cases/${inspectorId}/actions/reject`, { reason: '内部原因 STAFF-REASON' });
    const handler = await target.login('handler'); // urban-mgmt-squad: 01-04 is sanitation-dept's
    const list = await handler.fetch('/open311/v2/requests.json', { headers: { 'X-Forwarded-For': addr() } });
    const text = await list.text();
    const one = await o311(`requests/${internalId}.json`);
    await one.body?.cancel();
    const leaks = ['STAFF-ONLY', 'STAFF-REASON', '内部数据', '"90-'].filter((s) => text.includes(s));
    expect(
      fig.attack('Open311 list leaks internal cases, staff notes or descriptions', leaks.length === 0),
      leaks.join(),
    ).toBe(true);
    expect(fig.attack('Open311 GET one internal (vehicle-work) case', one.status === 404), `HTTP ${one.status}`).toBe(
      true,
    );
  });
});

describe('Open311 input', () => {
  it('refuses an api key in the URL', async () => {
    const res = await o311(`requests.json?api_key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service_code: '05-01', address_string: '解放路' }),
    });
    await res.body?.cancel();
    expect(fig.attack('Open311 api key in the query string', res.status === 400), `HTTP ${res.status}`).toBe(true);
  });

  it.each([
    ['empty strings', '', ''],
    ['JSON null', null, null],
    ['booleans', true, true],
    ['hex', '0x10', '0x10'],
    ['exponent', '1e1', '1e1'],
  ])('refuses %s as lat/long, naming the field (no case at a coerced position)', async (name, lat, long) => {
    const res = await report({ service_code: '05-01', lat, long, description: `coercion ${name}` });
    const body = (await res.json()) as { description?: string }[];
    const ok = res.status === 400 && /^(lat|long)/.test(body[0]?.description ?? '');
    expect(fig.attack(`Open311 lat/long as ${name}`, ok), `${res.status} ${JSON.stringify(body)}`).toBe(true);
  });

  it.each([
    ['/api/cases?page=0x2', 'query.page'],
    ['/api/cases?pageSize=1e1', 'query.pageSize'],
    ['/api/cases?from=%27%20OR%20%271%27%3D%271', 'query.from'],
    ['/api/alerts?limit=0x10', 'query.limit'],
    ['/api/alerts?since=%20', 'query.since'],
    ['/api/vehicles/S-4/track?limit=1e2', 'query.limit'],
  ])('internal API: %s is refused naming %s', async (path, field) => {
    const res = await admin.fetch(path);
    const body = (await res.json()) as { field?: string };
    expect(fig.attack(`coerced number ${path}`, res.status === 400 && body.field === field), JSON.stringify(body)).toBe(
      true,
    );
  });
});

describe('throttles', () => {
  it('one api key cannot open cases without limit', async () => {
    const k = await target.apiKey('flooder');
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++)
      statuses.push(
        (await report({ service_code: '05-01', address_string: `flood ${i}`, description: 'x' }, k)).status,
      );
    const created = statuses.filter((s) => s === 201).length;
    expect(
      fig.attack('80 reports with one api key in a minute', created <= 60 && statuses.includes(429)),
      `${created} created`,
    ).toBe(true);
  });

  it('one user cannot open cases without limit', async () => {
    const op = await target.login('operator');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (await op.send('POST', '/api/cases', { category: '05-01', description: 'x', address: `u ${i}` })).status,
      );
    const created = statuses.filter((s) => s === 201).length;
    expect(
      fig.attack('40 cases by one user in a minute', created <= 30 && statuses.includes(429)),
      `${created} created`,
    ).toBe(true);
  });

  it('one address cannot read Open311 without limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) {
      const res = await o311('services.json', {}, '192.0.2.99');
      await res.body?.cancel();
      statuses.push(res.status);
    }
    expect(
      fig.attack('150 Open311 reads from one address in a minute', statuses.includes(429)),
      `${statuses.filter((s) => s === 200).length} served`,
    ).toBe(true);
  });
});

describe('the anonymous list is cheap', () => {
  it('/api/health stays fast while 10 anonymous clients list 500 public cases', async () => {
    const keys = await Promise.all(Array.from({ length: 9 }, (_, i) => target.apiKey(`seed ${i}`)));
    for (let i = 0; i < 500; i++) {
      const res = await report(
        {
          service_code: '05-01',
          lat: 40.7 + (i % 40) * 0.001,
          long: -74.05 + Math.floor(i / 40) * 0.001,
          description: `摊贩 ${i}`,
        },
        keys[Math.floor(i / 56)]!,
      );
      await res.body?.cancel();
    }
    let lists = 0;
    const { latency } = await target.healthDuring(async () => {
      const until = Date.now() + 6000;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (Date.now() < until) {
            const res = await o311('requests.json');
            await res.arrayBuffer();
            lists++;
            await new Promise((r) => setTimeout(r, 10)); // a client polling as fast as it can read, 10 ms apart
          }
        }),
      );
    });
    fig.latency(`10 anonymous Open311 list clients (${lists} lists)`, latency);
    expect(latency.n).toBeGreaterThan(50);
    expect(
      fig.attack('10 anonymous list clients slow /api/health', latency.p50 < 20 && latency.p99 < 100),
      JSON.stringify(latency),
    ).toBe(true);
  }, 180_000);
});
