import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { NoticeEvent } from '../../kernel/types/index.ts';
import { fixtureRaw, hit, startCases, type Harness, useBackend } from '../fixture.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
const clock = new ManualClock(Date.parse('2026-12-07T01:00:00Z')); // Monday 09:00 Shanghai

async function start(): Promise<{ h: Harness; live: NoticeEvent[] }> {
  const base = fixtureRaw('x') as { users: unknown[] };
  const users = [
    ...base.users,
    { username: 'h-sq2', role: 'handler', unit: 'squad', password: 'handler-pass-3' },
    { username: 'insp', role: 'inspector', password: 'insp-pass-1' },
    { username: 'insp-far', role: 'inspector', password: 'insp-pass-2' },
  ];
  h = await startCases(tempDir('gw-inbox-'), clock, { users });
  const live: NoticeEvent[] = [];
  h.bus.on('notice', (e) => void live.push(e));
  return { h, live };
}

const kinds = (hh: Harness, user: string) =>
  hh.module.inbox.list(user).map((n) => `${n.kind}:${n.read ? 'read' : 'new'}`);

describeBackends('in-app notices per user', (_open, ctx) => {
  useBackend(ctx);

  it('go to the right users, live after the commit, with read/unread kept per user', async () => {
    const { h, live } = await start();
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // 05-04 → squad, dispatched by the system
    const svc = h.module.service;
    const id = svc.repo.stmt('SELECT id FROM cases').pluck().get() as string;
    const cell = svc.get(id)!.gridCell!;
    h.module.users.set('insp', { cells: [cell] });
    h.module.users.set('insp-far', { cells: ['320302001050050'] });
    // dispatched → both handlers of the unit, no one else
    expect(kinds(h, 'h-sq')).toEqual(['dispatched:new']);
    expect(kinds(h, 'h-sq2')).toEqual(['dispatched:new']);
    for (const u of ['h-san', 'op', 'admin', 'reg', 'insp']) expect(kinds(h, u)).toEqual([]);
    expect(live.map((e) => `${e.username}:${e.notice.kind}:${e.unread}`)).toEqual([
      'h-sq:dispatched:1',
      'h-sq2:dispatched:1',
    ]);
    const handler = { id: 'h-sq', role: 'handler', unit: 'squad' } as const;
    const op = { id: 'op', role: 'operator' } as const;
    expect(svc.act(id, { action: 'accept' }, handler).ok).toBe(true);
    expect(svc.act(id, { action: 'request-extension', hours: 2, reason: '等待吊车' }, handler).ok).toBe(true);
    expect(svc.act(id, { action: 'deny-extension', reason: '不予延期' }, op).ok).toBe(true);
    expect(svc.act(id, { action: 'handle', reason: '已清理' }, handler).ok).toBe(true);
    // handled → the inspector of the cell is told there is a case to verify; the other inspector is not
    expect(kinds(h, 'insp')).toEqual(['to-verify:new']);
    expect(kinds(h, 'insp-far')).toEqual([]);
    expect(
      svc.act(id, { action: 'rework', reason: '仍有摊位' }, { id: 'insp', role: 'inspector', cells: [cell] }).ok,
    ).toBe(true);
    expect(kinds(h, 'h-sq')).toEqual(['rework:new', 'extension-decided:new', 'dispatched:new']);
    const [rework, decided] = h.module.inbox.list('h-sq');
    expect(rework).toMatchObject({ caseId: id, category: '05-04', gridCell: cell, reason: '仍有摊位' });
    expect(decided).toMatchObject({ approved: false, reason: '不予延期' });
    // 回退 → the command centre (operators)
    expect(svc.act(id, { action: 'return', reason: '不属于本单位' }, handler).ok).toBe(true);
    expect(kinds(h, 'op')).toEqual(['returned:new']);
    // read one, then all: only h-sq's rows change
    expect(h.module.inbox.markRead('h-sq', [decided!.id, 999_999], clock.now())).toBe(1);
    expect(kinds(h, 'h-sq')).toEqual(['rework:new', 'extension-decided:read', 'dispatched:new']);
    expect(h.module.inbox.markRead('h-sq2', [decided!.id], clock.now())).toBe(0); // someone else's notice
    expect(h.module.inbox.unread('h-sq')).toBe(2);
    expect(h.module.inbox.markRead('h-sq', undefined, clock.now())).toBe(2);
    expect(h.module.inbox.unread('h-sq')).toBe(0);
    expect(h.module.inbox.unread('h-sq2')).toBe(3);
    expect(h.module.inbox.list('h-sq2', { unreadOnly: true })).toHaveLength(3);
  });

  it('deadline reminders reach the unit; a rolled-back change leaves no notice; disabled users get none', async () => {
    const { h, live } = await start();
    h.module.users.set('h-sq2', { disabled: true });
    h.bus.emit('hit', { phase: 'start', hit: hit('h2') });
    const svc = h.module.service;
    const id = svc.repo.stmt('SELECT id FROM cases').pluck().get() as string;
    const deadline = svc.get(id)!.deadline!;
    clock.set(deadline - 30 * 60_000);
    expect(svc.remind(id, 'due-soon', deadline)).toBe(true);
    clock.set(deadline + 60_000);
    expect(svc.remind(id, 'overdue', deadline)).toBe(true);
    expect(kinds(h, 'h-sq')).toEqual(['overdue:new', 'due-soon:new', 'dispatched:new']);
    expect(kinds(h, 'h-sq2')).toEqual([]);
    const before = live.length;
    expect(() =>
      svc.transaction(() => {
        svc.act(id, { action: 'urge', reason: '尽快处置' }, { id: 'op', role: 'operator' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(kinds(h, 'h-sq')).toHaveLength(3);
    svc.act(id, { action: 'urge', reason: '尽快处置' }, { id: 'op', role: 'operator' });
    expect(kinds(h, 'h-sq')[0]).toBe('urged:new');
    expect(live.slice(before).map((e) => e.notice.kind)).toEqual(['urged']); // never the rolled-back one
  });
});
