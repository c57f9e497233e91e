import { afterEach, expect, it } from 'vitest';
import type { SuppressionsChangedEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { tempDir } from '../../kernel/testing.ts';
import { hit, startCases, violation, type Harness, useBackend } from '../fixture.ts';
import type { Actor } from '../machine.ts';
import { verdictStats } from './stats.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';

const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const op: Actor = { id: 'op', role: 'operator' };
const handler: Actor = { id: 'h-sq', role: 'handler', unit: 'squad' };
const DAY = 86_400_000;

let h: Harness | undefined;
let clock: ManualClock;
let masks: SuppressionsChangedEvent[];
afterEach(async () => h?.stop());

async function start(extra: Record<string, unknown> = {}): Promise<Harness> {
  clock = new ManualClock(T0);
  h = await startCases(tempDir('gw-verdict-'), clock, extra);
  masks = [];
  h.bus.on('suppressions.changed', (e) => void masks.push(e));
  return h;
}

const caseOf = (hh: Harness, hitId: string): string =>
  hh.store.db.prepare("SELECT case_id FROM case_refs WHERE ref = 'hit:' || ?").pluck().get(hitId) as string;

describeBackends('verdicts on automatic findings', (_open, ctx) => {
  useBackend(ctx);

  it('误报 on a dispatched case: 作废 with the reason in the timeline, the unit keeps it, a mask on the spot', async () => {
    const hh = await start();
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1', { start: T0 }) });
    const id = caseOf(hh, 'h1');
    expect(hh.module.service.get(id)!.status).toBe('dispatched');
    clock.advance(60_000);
    const out = hh.module.verdicts.judgeHit('h1', { verdict: 'false', reason: 'wrong-object', note: '是垃圾桶' }, op);
    expect(out.ok).toBe(true);
    const c = hh.module.service.get(id)!;
    expect(c).toMatchObject({ status: 'cancelled', unitId: 'squad' });
    const last = hh.module.service.timeline(id).at(-1)!;
    expect(last).toMatchObject({
      action: 'cancel',
      actor: 'op',
      role: 'operator',
      from: 'dispatched',
      to: 'cancelled',
    });
    expect(last.reason).toBe('误报（识别对象错误）：是垃圾桶');
    // the unit hears of it: the transition is a case event carrying its unit (feed + webhooks)
    expect(hh.events.at(-1)).toMatchObject({ type: 'transition', action: 'cancel', case: { unitId: 'squad' } });
    // nothing deleted: the case, its refs and the hit are all still there
    expect(hh.module.verdicts.repo.hit('h1')).toBeDefined();
    const [v] = hh.module.verdicts.repo.verdictsOfHit('h1');
    expect(v).toMatchObject({ verdict: 'false', reason: 'wrong-object', by: 'op', at: T0 + 60_000, caseId: id });
    const [m] = hh.module.verdicts.activeMasks('cam-1');
    expect(m).toMatchObject({ id: v!.maskId, zoneId: 'z-vend', rule: 'vending', until: T0 + 60_000 + 7 * DAY });
    expect(m!.region).toEqual(hit('h1').region);
    expect(masks.at(-1)).toEqual({ cameraId: 'cam-1', masks: [m] });
  });

  it('误报 before dispatch: 不予立案; 确认: a note, the case goes on', async () => {
    const hh = await start();
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1', { category: '05-01' }) }); // 05-01: not auto-registered
    const id = caseOf(hh, 'h1');
    expect(hh.module.service.get(id)!.status).toBe('reported');
    expect(hh.module.verdicts.judgeCase(id, { verdict: 'false', reason: 'allowed-activity' }, op).ok).toBe(true);
    expect(hh.module.service.get(id)!.status).toBe('rejected');
    expect(hh.module.service.timeline(id).at(-1)).toMatchObject({
      action: 'reject',
      reason: expect.stringMatching(/允许的活动/),
    });

    hh.bus.emit('hit', {
      phase: 'start',
      hit: hit('h2', { cameraId: 'cam-2', zoneId: 'z-litter', category: '01-02', rule: 'litter' }),
    });
    const id2 = caseOf(hh, 'h2');
    expect(hh.module.verdicts.judgeHit('h2', { verdict: 'confirmed', note: '确有垃圾' }, op).ok).toBe(true);
    expect(hh.module.service.get(id2)!.status).toBe('dispatched');
    expect(hh.module.service.timeline(id2).at(-1)).toMatchObject({
      action: 'note',
      actor: 'op',
      reason: expect.stringMatching(/确认/),
    });
    expect(hh.module.verdicts.activeMasks('cam-2')).toEqual([]);
  });

  it('refuses what is wrong, naming it, and leaves nothing behind', async () => {
    const hh = await start();
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    const id = caseOf(hh, 'h1');
    const v = hh.module.verdicts;
    expect(v.judgeHit('h1', { verdict: 'false' }, op)).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^reason:/),
    });
    expect(v.judgeHit('h1', { verdict: 'false', reason: 'other' }, op)).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^note:/),
    });
    expect(v.judgeHit('nope', { verdict: 'confirmed' }, op)).toMatchObject({ ok: false, code: 'not_found' });
    expect(v.judgeHit('h1', { verdict: 'confirmed' }, handler)).toMatchObject({ ok: false, code: 'forbidden' });
    const manual = hh.module.service.create(
      { source: 'inspector', category: '05-04', description: 'x', address: 'y' },
      op,
    );
    expect(v.judgeCase(manual.id, { verdict: 'confirmed' }, op)).toMatchObject({ ok: false, code: 'conflict' });
    expect(v.repo.verdictsOfHit('h1')).toEqual([]);
    expect(v.activeMasks()).toEqual([]);
    expect(hh.module.service.get(id)!.status).toBe('dispatched');
  });

  it('a vehicle case can be judged too (no mask: no camera spot)', async () => {
    const hh = await start();
    hh.bus.emit('violation', { phase: 'start', violation: violation('v1') });
    const id = hh.store.db.prepare('SELECT id FROM cases').pluck().get() as string;
    expect(hh.module.service.get(id)!.status).toBe('registered');
    expect(hh.module.verdicts.judgeCase(id, { verdict: 'false', reason: 'outside-zone', note: '去车场' }, op).ok).toBe(
      true,
    );
    expect(hh.module.service.get(id)!.status).toBe('rejected');
    expect(hh.module.verdicts.repo.verdictsOfCase(id)).toMatchObject([{ verdict: 'false', hitId: '', caseId: id }]);
    expect(hh.module.verdicts.activeMasks()).toEqual([]);
  });

  it('a suppressed hit opens no case; an update after the mask is lifted opens one', async () => {
    const hh = await start();
    const sup = { maskId: 'mask-x', until: T0 + DAY };
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1', { suppressed: sup }) });
    hh.bus.emit('hit', { phase: 'update', hit: hit('h1', { suppressed: sup, lastSeen: 5 }) });
    expect(hh.store.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(0);
    hh.bus.emit('hit', { phase: 'update', hit: hit('h1', { lastSeen: 9 }) });
    expect(caseOf(hh, 'h1')).toMatch(/^\d{13}$/);
  });

  it('masks: extended, lifted (once), expired; the history keeps who and why', async () => {
    const hh = await start({ cases: { suppressDays: 2 } });
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    const out = hh.module.verdicts.judgeHit('h1', { verdict: 'false', reason: 'duplicate' }, op);
    if (!out.ok) throw new Error(out.message);
    const id = out.masks[0]!.id;
    expect(out.masks[0]!.until).toBe(T0 + 2 * DAY);
    clock.advance(DAY);
    const ext = hh.module.verdicts.extendMask(id, 3, op, '还会再来');
    expect(ext).toMatchObject({ ok: true, mask: { until: T0 + 5 * DAY } });
    clock.advance(5 * DAY);
    expect(hh.module.verdicts.activeMasks('cam-1')).toEqual([]); // expired
    clock.advance(-5 * DAY);
    expect(hh.module.verdicts.liftMask(id, op, '误判').ok).toBe(true);
    expect(hh.module.verdicts.liftMask(id, op)).toMatchObject({ ok: false, code: 'conflict' });
    expect(hh.module.verdicts.extendMask(id, 1, op)).toMatchObject({ ok: false, code: 'conflict' });
    expect(hh.module.verdicts.activeMasks('cam-1')).toEqual([]);
    expect(masks.at(-1)).toEqual({ cameraId: 'cam-1', masks: [] });
    expect(hh.module.verdicts.repo.maskEvents(id).map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['created', 'op', undefined],
      ['extended', 'op', '还会再来'],
      ['lifted', 'op', '误判'],
    ]);
  });

  it('the ledger forgets unjudged hits after 90 days and keeps judged ones', async () => {
    const hh = await start();
    hh.bus.emit('hit', { phase: 'start', hit: hit('old', { start: T0 - 100 * DAY }) });
    hh.bus.emit('hit', {
      phase: 'start',
      hit: hit('judged', { start: T0 - 100 * DAY, cameraId: 'cam-2', zoneId: 'x' }),
    });
    hh.bus.emit('hit', { phase: 'start', hit: hit('new', { start: T0 - DAY, cameraId: 'cam-2', zoneId: 'y' }) });
    expect(hh.module.verdicts.judgeHit('judged', { verdict: 'confirmed' }, op).ok).toBe(true);
    expect(hh.module.verdicts.purge()).toBe(1);
    expect(['old', 'judged', 'new'].map((id) => hh.module.verdicts.repo.hit(id) !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('precision per camera, zone and rule: the latest verdict counts; suppressed hits are counted apart', async () => {
    const hh = await start();
    const emit = (id: string, over = {}): void =>
      void hh.bus.emit('hit', { phase: 'start', hit: hit(id, { start: T0, ...over }) });
    for (const id of ['a', 'b', 'c', 'd']) emit(id);
    emit('e', { suppressed: { maskId: 'm', until: T0 + DAY } });
    emit('l1', { cameraId: 'cam-2', zoneId: 'z-litter', rule: 'litter', category: '01-02' });
    const v = hh.module.verdicts;
    v.judgeHit('a', { verdict: 'confirmed' }, op);
    v.judgeHit('b', { verdict: 'false', reason: 'wrong-object' }, op);
    v.judgeHit('c', { verdict: 'false', reason: 'wrong-object' }, op);
    v.judgeHit('c', { verdict: 'confirmed', note: 'changed my mind' }, op);
    const rows = verdictStats(hh.store.db, T0 - 1, T0 + 1);
    expect(rows).toEqual([
      {
        cameraId: 'cam-1',
        zoneId: 'z-vend',
        rule: 'vending',
        hits: 5,
        suppressed: 1,
        confirmed: 2,
        false: 1,
        unjudged: 1,
        precision: 2 / 3,
        falseRate: 1 / 3,
      },
      {
        cameraId: 'cam-2',
        zoneId: 'z-litter',
        rule: 'litter',
        hits: 1,
        suppressed: 0,
        confirmed: 0,
        false: 0,
        unjudged: 1,
        precision: null,
        falseRate: null,
      },
    ]);
  });
});
