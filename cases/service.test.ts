import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { tempDir } from '../kernel/testing.ts';
import { hit, startCases, type Harness, useBackend } from './fixture.ts';
import { listCases } from './list.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const hook = {
  webhooks: [{ id: 'mirror', url: 'http://127.0.0.1:9/x', secret: 'mirror-secret-0123456789', retryBaseSeconds: 3600 }],
};
let h: Harness;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-11-23T23:30:00+08:00'));
  h = await startCases(tempDir('gw-svc-'), clock, { cases: hook });
});
afterEach(async () => h.stop());

const rows = (table: string): number => h.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const op = { id: 'op', role: 'operator' as const };

/** A trigger that makes inserts into `table` fail (when `when` holds), on either backend; returns its removal. */
function failInserts(table: string, message: string, when = '1 = 1'): () => void {
  const db = h.store.db;
  if (db.dialect === 'sqlite') {
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return () => db.exec('DROP TRIGGER boom');
  }
  db.exec(`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF ${when} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER boom BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE PROCEDURE boom()`);
  return () => db.exec(`DROP TRIGGER boom ON ${table}; DROP FUNCTION boom()`);
}

describeBackends('every change is one transaction', (_open, ctx) => {
  useBackend(ctx);

  it('a transition that fails while writing its outbox row leaves case, audit and bus untouched', () => {
    const c = h.module.service.create({ source: 'inspector', category: '05-01', description: 'x', address: 'y' }, op);
    const before = { events: rows('case_events'), outbox: rows('webhook_outbox'), bus: h.events.length };
    const drop = failInserts('webhook_outbox', 'disk full');
    expect(() => h.module.service.act(c.id, { action: 'register' }, op)).toThrow(/disk full/);
    expect(h.module.service.get(c.id)!.status).toBe('reported');
    expect({ events: rows('case_events'), outbox: rows('webhook_outbox'), bus: h.events.length }).toEqual(before);
    drop();
    expect(h.module.service.act(c.id, { action: 'register' }, op).ok).toBe(true);
    expect(rows('webhook_outbox')).toBe(before.outbox + 1);
  });

  it('an automatic case that fails half-way (at dispatch) is not created at all, and its id is not used up', () => {
    const drop = failInserts('case_events', 'crash at dispatch', "NEW.action = 'dispatch'");
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // the bus logs and skips the failing subscriber
    expect([rows('cases'), rows('case_refs'), rows('case_events'), rows('webhook_outbox'), h.events.length]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(h.logs.join('')).toContain('crash at dispatch');
    drop();
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    expect(listCases(h.store.db, {}, clock.now()).items.map((c) => [c.id, c.status])).toEqual([
      ['2026112300001', 'dispatched'],
    ]);
  });

  it('a finding belongs to one case only', () => {
    h.module.service.create(
      { source: 'inspector', category: '05-01', description: 'x', address: 'y', refs: ['r1'] },
      op,
    );
    expect(() =>
      h.module.service.create(
        { source: 'inspector', category: '05-01', description: 'x', address: 'z', refs: ['r1'] },
        op,
      ),
    ).toThrow(/already belongs to case 2026112300001/);
    expect(rows('cases')).toBe(1);
  });
});

describeBackends('case ids', (_open, ctx) => {
  useBackend(ctx);

  it('are the local date in the calendar zone plus a daily sequence', () => {
    const mk = (): string =>
      h.module.service.create({ source: 'inspector', category: '05-01', description: 'x', address: 'y' }, op).id;
    expect([mk(), mk()]).toEqual(['2026112300001', '2026112300002']);
    clock.set(Date.parse('2026-11-24T00:30:00+08:00')); // still the 23rd in UTC
    expect(mk()).toBe('2026112400001');
  });

  it('rejects an unknown category naming the field', () => {
    expect(() =>
      h.module.service.create({ source: 'inspector', category: '42-42', description: 'x', address: 'y' }, op),
    ).toThrow(/^category: unknown category "42-42"$/);
  });
});
