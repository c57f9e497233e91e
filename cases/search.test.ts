import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { migrate } from '../kernel/db.ts';
import { tempDir } from '../kernel/testing.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import { fixtureConfig, hit, startCases, violation, type Harness } from './fixture.ts';
import { type CaseFilter, listCases } from './list.ts';
import { casesMigrations } from './migrations.ts';
import { configNames, searchCondition, searchTerms, termGroups } from './search.ts';

const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const vehicles = [{ id: 'S-4', name: '粤B·D12345', type: 'sweeper', contractor: '城洁环卫公司' }];
const op = { id: 'op', role: 'operator' as const };
describeBackends('case search', (_open, ctx) => {
  let h: Harness;
  let clock: ManualClock;
  let ids: { shop: string; cart: string; truck: string; quote: string };

  beforeEach(async () => {
    clock = new ManualClock(T0);
    h = await startCases(tempDir('gw-search-'), clock, { vehicles, ...ctx.database() });
    const svc = h.module.service;
    const shop = svc.create(
      {
        source: 'inspector',
        category: '05-01',
        description: '店铺门前堆放杂物，占道经营 Shop Goods',
        address: '龙岗区龙城街道龙福路12号',
      },
      op,
    );
    clock.advance(3_600_000);
    const cart = h.module.auto.onHit({
      phase: 'start',
      hit: hit('h1', { start: clock.now(), lastSeen: clock.now() }),
    })!;
    clock.advance(3_600_000);
    const truck = h.module.auto.onViolation({ phase: 'start', violation: violation('v1', { start: clock.now() }) })!;
    clock.advance(86_400_000);
    const quote = svc.create(
      { source: 'citizen', category: '05-01', description: `100% 折扣 "大甩卖" it's_here`, address: '爱联路' },
      op,
    );
    ids = { shop: shop.id, cart: cart.id, truck: truck.id, quote: quote.id };
  });
  afterEach(async () => h.stop());

  const find = (q: string, f: CaseFilter = {}): string[] =>
    listCases(h.store.db, { ...f, q, ascending: true }, clock.now(), h.module.searchNames).items.map((c) => c.id);

  describe('case search', () => {
    it('finds a case by its number, whole or in part', () => {
      expect(find(ids.shop)).toEqual([ids.shop]);
      expect(find(ids.truck.slice(-5))).toEqual([ids.truck]);
    });

    it('finds Chinese substrings of the address and description, also of 2 and 1 characters', () => {
      expect(find('龙福路')).toEqual([ids.shop]);
      expect(find('龙城街道')).toEqual([ids.shop]);
      expect(find('杂物')).toEqual([ids.shop]);
      expect(find('甩')).toEqual([ids.quote]);
      expect(find('shop goods')).toEqual([ids.shop]); // case-insensitive, terms anywhere
      expect(find('龙福路 杂物')).toEqual([ids.shop]); // every term must match
      expect(find('龙福路 爱联路')).toEqual([]);
    });

    it('finds a vehicle case by plate (with or without the dot, or a part) and by vehicle id', () => {
      expect(find('粤B·D12345')).toEqual([ids.truck]);
      expect(find('粤BD12345')).toEqual([ids.truck]);
      expect(find('d12345')).toEqual([ids.truck]);
      expect(find('S-4')).toEqual([ids.truck]);
    });

    it('finds a camera case by the camera name, the zone name and the camera id; a unit by its name', () => {
      expect(find('解放路口')).toEqual([ids.cart]);
      expect(find('西侧人行道')).toEqual([ids.cart]);
      expect(find('cam-1')).toEqual([ids.cart]);
      expect(find('区环卫处')).toEqual([ids.truck]); // routed to sanitation
      expect(find('店外经营')).toEqual([ids.cart]); // the category's name
    });

    it('combines with the other filters: status, source, unit, date range, paging', () => {
      expect(find('路', { status: ['dispatched'] })).toEqual([ids.cart]);
      expect(find('路', { status: ['reported'] })).toEqual([ids.shop, ids.quote]);
      expect(find('路', { source: 'vehicle' })).toEqual([ids.truck]); // "解放路" in its description
      expect(find('路', { unit: 'sanitation' })).toEqual([ids.truck]);
      expect(find('路', { from: T0 + 1, to: T0 + 86_400_000 })).toEqual([ids.cart, ids.truck]);
      const page = listCases(h.store.db, { q: '路', pageSize: 1, page: 2, ascending: true }, clock.now());
      expect([page.total, page.items.map((c) => c.id)]).toEqual([4, [ids.cart]]);
    });

    it('takes quotes, %, _ and SQL-looking input literally', () => {
      expect(find('%')).toEqual([ids.quote]);
      expect(find('100%')).toEqual([ids.quote]);
      expect(find("it's_here")).toEqual([ids.quote]);
      expect(find('_')).toEqual([ids.quote]);
      expect(find('"大甩卖"')).toEqual([ids.quote]);
      expect(find('"')).toEqual([ids.quote]);
      expect(find("' OR 1=1 --")).toEqual([]);
      expect(find('" OR "1')).toEqual([]);
      expect(find('路 OR 1=1')).toEqual([]);
      expect(find('a*b NEAR(x y)')).toEqual([]);
      expect(listCases(h.store.db, { q: '' }, clock.now()).total).toBe(4); // empty: no search condition
    });

    it('finds the same cases by the dense path (many matches: read along created_at) as by the sparse one', () => {
      const ids = (q: string, dense: number): string[] => {
        const cond = searchCondition(h.store.db, q, h.module.searchNames, dense);
        if (!cond) return [];
        return h.store.db
          .prepare(`SELECT id FROM cases WHERE ${cond.sql} ORDER BY id`)
          .pluck()
          .all(...cond.args) as string[];
      };
      for (const q of ['路', '龙福路 杂物', 'S-4', '%', '解放路口', 'nothing-like-this'])
        expect({ q, dense: ids(q, 0) }).toEqual({ q, dense: ids(q, 2000) });
      expect(ids('路', 0)).toHaveLength(4);
    });

    it('keeps the index in step with changes (a dispatch to another unit)', () => {
      expect(find('市场执法组')).toEqual([]);
      h.module.service.act(ids.shop, { action: 'register' }, op);
      expect(h.module.service.act(ids.shop, { action: 'dispatch', unit: 'market-squad' }, op).ok).toBe(true);
      expect(find('市场执法组')).toEqual([ids.shop]);
    });
  });
});

describeBackends('case search migration', (open, ctx) => {
  it('back-fills the index of a database made before the search existed', () => {
    const old = casesMigrations.filter((m) => m.id !== 'cases-003-search');
    const db = open(old);
    const data = { id: '2026112300001', description: '垃圾桶满溢', address: '龙岗大道' };
    db.prepare(
      "INSERT INTO cases (id, source, category, status, created_at, updated_at, data) VALUES (?, 'citizen', " +
        "'01-02', 'reported', 1, 1, ?)",
    ).run(data.id, JSON.stringify(data));
    migrate(db, casesMigrations);
    expect(listCases(db, { q: '龙岗大道' }, 0).items.map((c) => c.id)).toEqual([data.id]);
    expect(listCases(db, { q: '满溢' }, 0).total).toBe(1);
    db.prepare('DELETE FROM cases').run();
    const index = ctx.dialect === 'sqlite' ? 'case_search' : 'case_search_rows';
    expect(db.prepare(`SELECT count(*) FROM ${index}`).pluck().get()).toBe(0);
  });
});

describe('search pieces', () => {
  it('splits on ASCII and ideographic spaces, lower-cases, drops repeats, keeps at most 8 terms', () => {
    expect(searchTerms(' 龙福路\u3000ABC  abc ')).toEqual(['龙福路', 'abc']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('expands configured names to the ids the documents hold', () => {
    const names = configNames(fixtureConfig(tempDir('gw-search-'), { vehicles }));
    expect(termGroups('d12345 滨河', names)).toEqual([
      ['d12345', '|v=s-4|'],
      ['滨河', '|c=cam-2|', '|z=z-litter|'],
    ]);
  });
});
