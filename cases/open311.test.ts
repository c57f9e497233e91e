import { afterAll, beforeAll, expect, it } from 'vitest';
import { HttpServer } from '../kernel/http/server.ts';
import { ManualClock } from '../kernel/clock.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { caseApis } from './api.ts';
import { startCases, type Harness, useBackend } from './fixture.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

let h: Harness;
let http: HttpServer;
let base: string;
let key: string;
const START = Date.parse('2026-11-23T09:00:00+08:00');
const clock = new ManualClock(START);

const form = (fields: Record<string, string>, apiKey?: string): RequestInit => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: apiKey ? { 'X-Api-Key': apiKey } : {},
});
const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const r = await fetch(`${base}/${path}`);
  return { status: r.status, body: (await r.json()) as T };
};
type Req = Record<string, string | number | null>;

describeBackends('Open311 GeoReport v2 round trip over HTTP', (_open, ctx) => {
  useBackend(ctx);
  beforeAll(async () => {
    clock.set(START); // each backend's run starts at the same time
    h = await startCases(tempDir('gw-o311-'), clock);
    http = new HttpServer(caseApis(h.module), { host: '127.0.0.1', port: 0, log: silentLogger() });
    await http.start();
    base = `http://127.0.0.1:${http.port}/open311/v2`;
    key = h.module.apiKeys.add('12345 hotline').key;
  });
  afterAll(async () => {
    await http?.stop();
    await h?.stop();
  });

  it('lists services offered to citizens and their definitions', async () => {
    const s = await get<{ service_code: string; service_name: string; group: string; type: string }[]>('services.json');
    expect(s.status).toBe(200);
    expect(s.body.map((x) => x.service_code)).toEqual(['01-02', '05-01', '05-04']); // 90-01 has open311: false
    expect(s.body[2]).toMatchObject({ service_name: '店外经营', group: '街面秩序', type: 'realtime' });
    expect((await get('services/05-04.json')).body).toEqual({ service_code: '05-04', attributes: [] });
    expect(await get('services/90-01.json')).toEqual({
      status: 404,
      body: [{ code: 404, description: 'service_code: no service "90-01"' }],
    });
  });

  it('refuses a POST without a valid api_key, and names the bad field', async () => {
    const fields = { service_code: '05-01', lat: '34.0012', long: '118.0021', description: '流动摊贩' };
    const none = await fetch(`${base}/requests.json`, form(fields));
    expect([none.status, await none.json()]).toEqual([
      403,
      [{ code: 403, description: 'api_key: missing or invalid (send it in the X-Api-Key header)' }],
    ]);
    // never in the URL, and a key in the body is not read
    const inUrl = await fetch(`${base}/requests.json?api_key=${key}`, form(fields));
    expect([inUrl.status, ((await inUrl.json()) as { description: string }[])[0]!.description]).toEqual([
      400,
      'api_key: never in the URL (proxies and logs keep URLs); send the X-Api-Key header',
    ]);
    expect((await fetch(`${base}/requests.json`, form({ ...fields, api_key: key }))).status).toBe(403);
    expect((await fetch(`${base}/requests.json`, form(fields, 'gw_nope'))).status).toBe(403);
    const noPlace = await fetch(`${base}/requests.json`, form({ service_code: '05-01' }, key));
    expect([noPlace.status, await noPlace.json()]).toEqual([
      400,
      [{ code: 400, description: 'address_string: lat/long or address_string is required' }],
    ]);
    const badLat = await fetch(`${base}/requests.json`, form({ ...fields, lat: '134' }, key));
    expect(((await badLat.json()) as { description: string }[])[0]!.description).toMatch(/^lat: /);
    const badCode = await fetch(`${base}/requests.json`, form({ ...fields, service_code: '90-01' }, key));
    expect([badCode.status, ((await badCode.json()) as { description: string }[])[0]!.description]).toEqual([
      400,
      'service_code: no service "90-01"',
    ]);
  });

  it('submits a request, follows it to closure, and merges a duplicate nearby', async () => {
    const post = await fetch(
      `${base}/requests.json`,
      form(
        {
          service_code: '05-01',
          lat: '34.0012',
          long: '118.0021',
          description: '流动摊贩占道',
          media_url: 'https://example.org/p/1.jpg',
          email: 'a@b.cn',
        },
        key,
      ),
    );
    expect(post.status).toBe(201);
    const [created] = (await post.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    const id = created!.service_request_id;
    expect(id).toBe('2026112300001');

    const one = await get<Req[]>(`requests/${id}.json`);
    expect(one.body[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: '05-01',
      service_name: '无照经营游商',
      description: '流动摊贩占道',
      agency_responsible: '城管执法中队',
      requested_datetime: '2026-11-23T09:00:00+08:00',
      expected_datetime: null,
      lat: 34.0012,
      long: 118.0021,
      media_url: 'https://example.org/p/1.jpg',
    });
    expect(JSON.stringify(one.body)).not.toContain('a@b.cn');

    // The same problem reported again 10 m away, as JSON: merged into the open case.
    clock.advance(60_000);
    const dup = await fetch(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Api-Key': key },
      body: JSON.stringify({
        service_code: '05-01',
        lat: 34.00129,
        long: 118.0021,
        description: '又来了',
      }),
    });
    const [merged] = (await dup.json()) as { service_request_id: string; service_notice: string }[];
    expect(merged).toMatchObject({ service_request_id: id, service_notice: expect.stringContaining('merged') });
    expect(h.module.service.get(id)!.sourceRefs).toHaveLength(2);

    const svc = h.module.service;
    const op = { id: 'op', role: 'operator' as const };
    const hq = { id: 'h-sq', role: 'handler' as const, unit: 'squad' };
    for (const [action, actor, reason] of [
      ['register', op],
      ['dispatch', op],
      ['accept', hq],
      ['handle', hq, '已劝离'],
      ['verify', op, '核查通过'],
    ] as const) {
      clock.advance(10 * 60_000);
      expect(svc.act(id, { action, reason }, actor).ok).toBe(true);
    }
    const closed = await get<Req[]>('requests.json?status=closed');
    expect(closed.body.map((r) => r.service_request_id)).toEqual([id]);
    expect(closed.body[0]).toMatchObject({
      status: 'closed',
      status_notes: '已结案 closed', // the state only: staff reasons (here the verifier's) are not public
      expected_datetime: '2026-11-23T11:21:00+08:00',
      updated_datetime: '2026-11-23T09:51:00+08:00',
    });
    expect((await get<Req[]>('requests.json?status=open')).body).toEqual([]);
  });

  it('filters GET requests and refuses periods over 90 days', async () => {
    await fetch(
      `${base}/requests.json`,
      form({ service_code: '01-02', address_string: '滨河路 12 号', description: '垃圾堆' }, key),
    );
    const all = await get<Req[]>('requests.json');
    expect(all.body.map((r) => r.service_code)).toEqual(['01-02', '05-01']);
    expect((await get<Req[]>('requests.json?service_code=01-02')).body).toHaveLength(1);
    const byId = await get<Req[]>('requests.json?service_request_id=2026112300002,nope');
    expect(byId.body.map((r) => [r.service_request_id, r.address])).toEqual([['2026112300002', '滨河路 12 号']]);
    const long = await get<{ description: string }[]>(
      'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
    );
    expect([long.status, long.body[0]!.description]).toEqual([400, 'start_date: the period may span at most 90 days']);
    expect((await get('requests.json?status=maybe')).status).toBe(400);
    expect((await get('requests/nope.json')).status).toBe(404);
  });

  it('refuses a revoked key', async () => {
    const k = h.module.apiKeys.add('temp');
    h.module.apiKeys.revoke(k.id);
    expect(
      (await fetch(`${base}/requests.json`, form({ service_code: '05-01', address_string: 'x' }, k.key))).status,
    ).toBe(403);
  });
});
