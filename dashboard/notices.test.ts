/**
 * In-app notices and an inspector's cells over real HTTP: SSE `notice` events reach their own user only, read/unread
 * per user through /api/notices, and an inspector's live feed, case list and detail hold only their cells' cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../bench/dashboard/sse-client.ts';
import type { App } from '../app.ts';
import { CasesModule } from '../cases/module.ts';
import { waitFor } from '../kernel/testing.ts';
import type { Case, InboxNotice } from '../kernel/types/index.ts';
import { login, PASSWORDS, startDashboardApp, TEST_CASES_CONFIG, TEST_USERS, type Client } from './testing.ts';

interface Sse {
  readonly events: { event: string; data: unknown }[];
  close(): void;
}

async function listen(c: Client): Promise<Sse> {
  const ctrl = new AbortController();
  const res = await c.fetch('/api/events', { signal: ctrl.signal });
  expect(res.status).toBe(200);
  const events: { event: string; data: unknown }[] = [];
  readSse(res.body!, (event, data) => {
    if (data) events.push({ event, data: JSON.parse(data) });
  });
  await waitFor(() => events.some((e) => e.event === 'ready'));
  return { events, close: () => ctrl.abort() };
}

const GRID = { regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 20, rows: 20, prefix: 'G' } };
const MINE = { lat: 34.0005, lon: 118.0005 }; // cell G001001
const OTHER = { lat: 34.0105, lon: 118.0105 }; // cell G012010

let app: App;
beforeAll(async () => {
  const users = [
    ...TEST_USERS.filter((u) => u.role !== 'inspector'),
    { username: 'inspector', role: 'inspector', password: PASSWORDS.inspector, cells: ['G001001'] },
  ];
  app = await startDashboardApp({ cases: { ...TEST_CASES_CONFIG, auto: false }, grid: GRID, users });
});
afterAll(async () => app?.stop());

const cases = (): CasesModule => app.components.find((x): x is CasesModule => x instanceof CasesModule)!;
const notices = (s: Sse): InboxNotice[] =>
  s.events.filter((e) => e.event === 'notice').map((e) => (e.data as { notice: InboxNotice }).notice);

describe('notices and cells over HTTP', () => {
  it('each user hears only their own notices; read/unread per user; an inspector only their cells', async () => {
    const [op, handler, inspector] = await Promise.all([
      login(app.url(), 'operator'),
      login(app.url(), 'handler'),
      login(app.url(), 'inspector'),
    ]);
    const [opFeed, hFeed, iFeed] = await Promise.all([listen(op), listen(handler), listen(inspector)]);
    const svc = cases().service;
    const operator = { id: 'operator', role: 'operator' as const };
    const squad = { id: 'handler', role: 'handler' as const, unit: 'squad' };
    const open = (where: { lat: number; lon: number }): string => {
      const c = svc.create(
        { source: 'inspector', category: '05-04', description: '店外经营', location: where },
        operator,
      );
      expect(svc.act(c.id, { action: 'register' }, operator).ok).toBe(true);
      expect(svc.act(c.id, { action: 'dispatch' }, operator).ok).toBe(true);
      expect(svc.act(c.id, { action: 'accept' }, squad).ok).toBe(true);
      expect(svc.act(c.id, { action: 'handle', reason: '已劝离' }, squad).ok).toBe(true);
      return c.id;
    };
    const mine = open(MINE);
    const other = open(OTHER);
    await waitFor(() => notices(hFeed).length === 2 && notices(iFeed).length === 1);
    expect(notices(hFeed).map((n) => `${n.kind}:${n.caseId}`)).toEqual([`dispatched:${mine}`, `dispatched:${other}`]);
    expect(notices(iFeed).map((n) => `${n.kind}:${n.caseId}`)).toEqual([`to-verify:${mine}`]);
    expect(notices(opFeed)).toEqual([]);
    // the inspector's live cases: only the case in their cell
    const liveIds = iFeed.events.filter((e) => e.event === 'case').map((e) => (e.data as { case: Case }).case.id);
    expect(new Set(liveIds)).toEqual(new Set([mine]));

    const list = async (c: Client) =>
      (await (await c.fetch('/api/notices')).json()) as { notices: InboxNotice[]; unread: number };
    expect((await list(handler)).unread).toBe(2);
    const first = (await list(handler)).notices.at(-1)!;
    const readOther = await inspector.fetch('/api/notices/read', { method: 'POST', json: { ids: [first.id] } });
    expect(await readOther.json()).toMatchObject({ changed: 0, unread: 1 }); // not the inspector's notice
    const read = await handler.fetch('/api/notices/read', { method: 'POST', json: { ids: [first.id] } });
    expect(await read.json()).toMatchObject({ changed: 1, unread: 1 });
    expect((await list(handler)).notices.map((n) => n.read)).toEqual([false, true]);
    const bad = await handler.fetch('/api/notices/read', { method: 'POST', json: { ids: ['x'] } });
    expect(bad.status).toBe(400);

    const board = (await (await inspector.fetch('/api/cases')).json()) as { items: Case[] };
    expect(board.items.map((c) => c.id)).toEqual([mine]);
    expect((await inspector.fetch(`/api/cases/${other}`)).status).toBe(404);
    expect((await inspector.fetch(`/api/cases/${mine}`)).status).toBe(200);
    for (const f of [opFeed, hFeed, iFeed]) f.close();
  });
});
