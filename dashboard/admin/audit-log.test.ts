/**
 * The audit log's store on both backends (SQLite and a real PostgreSQL): what is recorded comes back newest first,
 * searched by user, kind, time range and text (case-insensitive, `%` and `_` taken literally), counted in full.
 */
import { expect, it } from 'vitest';
import { describeBackends } from '../../kernel/testing/backends.ts';
import { dashboardMigrations } from '../migrations.ts';
import { AuditLog } from './audit.ts';

describeBackends('AuditLog store', (open) => {
  const filled = (): AuditLog => {
    const db = open(dashboardMigrations);
    let now = 1_800_000_000_000;
    const log = new AuditLog(
      () => db,
      () => (now += 1000),
    );
    log.record({ kind: 'login', action: 'login', actor: 'admin', role: 'admin', ip: '127.0.0.1', status: 200 });
    log.record({ kind: 'login-failed', action: 'login', actor: 'Zhang.Wei', ip: '10.0.0.7', status: 401 });
    log.record({ kind: 'admin', action: 'user.add', actor: 'admin', target: 'zhang.wei', detail: { password: 'p' } });
    log.record({
      kind: 'case',
      action: 'case.dispatch',
      actor: 'operator',
      target: '2026112300001',
      detail: '100% 店外经营',
    });
    log.record({ kind: 'admin', action: 'user_set', actor: 'admin', target: 'li', detail: { unit: 'squad-1' } });
    return log;
  };

  it('returns every entry newest first with all fields, secrets redacted', () => {
    const all = filled().search();
    expect(all.total).toBe(5);
    expect(all.items.map((e) => e.action)).toEqual(['user_set', 'case.dispatch', 'user.add', 'login', 'login']);
    expect(all.items.map((e) => e.at)).toEqual([
      1_800_000_005_000, 1_800_000_004_000, 1_800_000_003_000, 1_800_000_002_000, 1_800_000_001_000,
    ]);
    expect(all.items[2]).toMatchObject({
      kind: 'admin',
      actor: 'admin',
      target: 'zhang.wei',
      detail: '{"password":"***"}',
    });
    expect(all.items[4]).toEqual({
      id: all.items[4]!.id,
      at: 1_800_000_001_000,
      kind: 'login',
      action: 'login',
      actor: 'admin',
      role: 'admin',
      ip: '127.0.0.1',
      status: 200,
    });
    expect(typeof all.items[0]!.id).toBe('number');
  });

  it('searches by user (actor or target), kind, time range, and text without regard to case', () => {
    const log = filled();
    expect(log.search({ user: 'zhang.wei' }).items.map((e) => e.action)).toEqual(['user.add']);
    expect(log.search({ kind: 'login-failed' }).items.map((e) => e.actor)).toEqual(['Zhang.Wei']);
    expect(log.search({ from: 1_800_000_002_000, to: 1_800_000_004_000 }).total).toBe(2);
    expect(log.search({ text: 'zhang' }).items.map((e) => e.action)).toEqual(['user.add', 'login']);
    expect(log.search({ text: 'SQUAD' }).total).toBe(1);
    expect(log.search({ text: '10.0.0' }).items.map((e) => e.kind)).toEqual(['login-failed']);
    expect(log.search({ text: '店外' }).items.map((e) => e.target)).toEqual(['2026112300001']);
  });

  it('takes % and _ in the text literally, and counts every match beyond the limit', () => {
    const log = filled();
    expect(log.search({ text: '100%' }).total).toBe(1);
    expect(log.search({ text: '%' }).total).toBe(1);
    expect(log.search({ text: 'user_' }).items.map((e) => e.action)).toEqual(['user_set']);
    const page = log.search({ limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
  });
});
