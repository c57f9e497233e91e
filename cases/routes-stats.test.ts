import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { errorHandler } from '../kernel/http/error-handler.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { localDateTime } from '../kernel/time.ts';
import type { ApiEnv, Case, Role } from '../kernel/types/index.ts';
import { startCases, type Harness, useBackend } from './fixture.ts';
import { casesRoutes } from './routes.ts';
import { statsRoutes } from './routes-stats.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const clock = new ManualClock(T0);
const USERS: Record<string, { role: Role; unit?: string }> = {
  op: { role: 'operator' },
  'h-sq': { role: 'handler', unit: 'squad' },
  reg: { role: 'regulator' },
};
const GRID = {
  areas: [
    { code: '320302001', name: '解放街道', level: 'street' },
    { code: '320302001001', name: '一号社区', level: 'community' },
    { code: '320302001002', name: '二号社区', level: 'community' },
  ],
  regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 50, rows: 50, prefix: '320302001' },
};

let h: Harness;
let app: Hono<ApiEnv>;
beforeEach(async () => {
  clock.set(T0);
  h = await startCases(tempDir('gw-stats-'), clock, { grid: GRID });
  app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: silentLogger(), locale: 'en' }));
  app.use('*', async (c, next) => {
    const name = c.req.header('x-user');
    if (name) c.set('user', { username: name, ...USERS[name]! });
    await next();
  });
  app.route('/', statsRoutes(h.module));
  app.route('/', casesRoutes(h.module));
});
afterEach(async () => h.stop());

const call = (user: string, method: string, url: string, body?: unknown): Promise<Response> =>
  Promise.resolve(
    app.request(url, {
      method,
      headers: { 'x-user': user, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
const json = async <T>(r: Promise<Response>): Promise<T> => (await r).json() as Promise<T>;

async function report(lat: number, category = '05-01', source = 'inspector'): Promise<string> {
  const r = await json<{ case: Case }>(
    call('op', 'POST', '/api/cases', { category, description: '占道', lat, lon: 118.0005, source }),
  );
  return r.case.id;
}
async function act(user: string, id: string, action: string, reason?: string): Promise<void> {
  const r = await call(user, 'POST', `/api/cases/${id}/actions/${action}`, reason ? { reason } : {});
  expect(r.status, `${action} ${id}`).toBe(200);
}

/** Four cases: two in 一号社区 (one closed), one in 二号社区 (dispatched), one outside both (row 4). */
async function seed(): Promise<Record<'a' | 'b' | 'c' | 'd', string>> {
  const a = await report(34.0005);
  const b = await report(34.0006, '05-04', 'citizen');
  const c = await report(34.0015);
  const d = await report(34.0035);
  for (const id of [a, b, c, d]) await act('op', id, 'register');
  for (const id of [a, b, c]) await act('op', id, 'dispatch');
  clock.advance(1_800_000);
  await act('h-sq', a, 'accept');
  await act('h-sq', a, 'handle', '已清理');
  await act('op', a, 'verify', '核查通过');
  return { a, b, c, d };
}

interface Row {
  key: string;
  name: string;
  filter: string;
  registered: number;
  closed: number;
  closeRate: number | null;
  handledOnTimeRate: number | null;
}
interface Stats {
  rows: Row[];
  total: Row;
  drillFilter: string;
}
const period = `from=${T0 - 3_600_000}&to=${T0 + 86_400_000}`;

describeBackends('GET /api/cases/stats', (_open, ctx) => {
  useBackend(ctx);

  it('by street and community with names, and a drill-down listing exactly the cases counted', async () => {
    const ids = await seed();
    const streets = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=street`));
    expect(streets.rows.map((r) => [r.name, r.registered, r.closed])).toEqual([['解放街道', 4, 1]]);
    const comm = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=community`));
    expect(comm.drillFilter).toBe('community');
    expect(comm.rows.map((r) => [r.name, r.registered, r.closed])).toEqual([
      ['一号社区', 2, 1],
      ['（未划分）', 1, 0],
      ['二号社区', 1, 0],
    ]);
    expect(comm.rows.find((r) => r.name === '（未划分）')!.handledOnTimeRate).toBeNull();
    const drill = (q: string): Promise<string[]> =>
      json<{ items: Case[] }>(
        call('op', 'GET', `/api/cases?periodFrom=${T0 - 3_600_000}&periodTo=${T0 + 86_400_000}&${q}`),
      ).then((r) => r.items.map((c) => c.id).sort());
    expect(await drill('figure=registered&community=320302001001')).toEqual([ids.a, ids.b].sort());
    expect(await drill('figure=closed&community=320302001001')).toEqual([ids.a]);
    expect(await drill('figure=registered&community=(none)')).toEqual([ids.d]);
    expect(await drill('figure=due&street=320302001')).toEqual([ids.a, ids.b, ids.c].sort());
    const bySource = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=source`));
    expect(Object.fromEntries(bySource.rows.map((r) => [r.name, r.registered]))).toEqual({ 巡查员: 3, 市民: 1 });
    expect(await drill('figure=registered&source=citizen')).toEqual([ids.b]);
    // a handler drilling down still sees only their unit's cases
    const mine = await json<{ items: Case[] }>(
      call('h-sq', 'GET', `/api/cases?periodFrom=${T0 - 3_600_000}&periodTo=${T0 + 86_400_000}&figure=registered`),
    );
    expect(mine.items.every((c) => c.unitId === 'squad')).toBe(true);
  });

  it('大类 → 小类 and unit rows', async () => {
    await seed();
    const major = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=major`));
    expect(major.rows.map((r) => [r.filter, r.name, r.registered])).toEqual([['05-*', '05 街面秩序', 4]]);
    const minor = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=category&category=05-*`));
    expect(minor.rows.map((r) => [r.name, r.registered])).toEqual([
      ['05-01 无照经营游商', 3],
      ['05-04 店外经营', 1],
    ]);
    const units = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=unit`));
    // routed at creation: d has its unit before any dispatch
    expect(units.rows.map((r) => [r.name, r.registered])).toEqual([['城管执法中队', 4]]);
  });

  it('.xlsx with Chinese headers, the same rows, and the cases with local times', async () => {
    const ids = await seed();
    const shown = await json<Stats>(call('reg', 'GET', `/api/cases/stats?${period}&dimension=community`));
    const res = await call('reg', 'GET', `/api/cases/stats?${period}&dimension=community&format=xlsx`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['统计', '案件明细', '说明']);
    const sheet = wb.getWorksheet('统计')!;
    const values = (r: number): unknown[] => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1).slice(0, 5)).toEqual(['社区', '编码', '立案数', '结案数', '结案率']);
    shown.rows.forEach((row, i) => {
      expect(values(i + 2).slice(0, 4)).toEqual([row.name, row.key, row.registered, row.closed]);
    });
    expect(values(shown.rows.length + 2).slice(0, 3)).toEqual(['合计', '', 4]);
    const cases = wb.getWorksheet('案件明细')!;
    expect((cases.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['案件编号', '来源']);
    const a = h.module.service.get(ids.a)!;
    const rowA = cases.getColumn(1).values.indexOf(ids.a);
    const cells = cases.getRow(rowA).values as unknown[];
    expect(cells[10]).toBe(localDateTime(a.createdAt, 'Asia/Shanghai'));
    expect(cells[10]).toBe('2026-11-23 09:00:00');
    expect(cells[13]).toBe('2026-11-23 09:30:00');
    expect(cases.rowCount).toBe(5);
  });

  it('CSV with a BOM and Chinese headers; bad periods are refused naming the field', async () => {
    await seed();
    const res = await call('reg', 'GET', `/api/cases/stats?${period}&dimension=street&format=csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('街道,编码,立案数,结案数,结案率')).toBe(true);
    expect(csv).toContain('解放街道,320302001,4,1,0.25');
    const bad = await call('reg', 'GET', `/api/cases/stats?from=${T0}&to=${T0}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('query.from');
    const noPeriod = await call('op', 'GET', '/api/cases?figure=closed');
    expect(((await noPeriod.json()) as { field: string }).field).toBe('query.periodFrom');
  });
});
