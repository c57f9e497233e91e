/**
 * The case repositories against both backends (kernel/testing/backends.ts): rows ↔ cases, refs, candidates, evidence
 * lookups, the audit trail, the outbox, hits / verdicts / masks, camera windows, KPI loading and the case list.
 */
import { expect, it } from 'vitest';
import { describeBackends } from '../kernel/testing/backends.ts';
import type { Case } from '../kernel/types/index.ts';
import { CameraWindows } from './camera-windows.ts';
import { hit } from './fixture.ts';
import { loadKpiCases } from './kpi-load.ts';
import { listCases } from './list.ts';
import { casesMigrations } from './migrations.ts';
import { insertOutboxRow, markDelivered, markFailed, outboxByTarget, outboxStats, pending } from './outbox.ts';
import { CaseRepo, openForVehicle } from './repo.ts';
import { VerdictRepo } from './verdicts/repo.ts';
import { verdictStats, listHits } from './verdicts/stats.ts';

const T0 = 1_764_979_200_000; // epoch ms past 32 bits

function aCase(id: string, over: Partial<Case> = {}): Case {
  return {
    id,
    source: 'camera',
    category: '05-04',
    status: 'dispatched',
    description: `case ${id}`,
    evidence: [{ kind: 'annotated', path: `e/${id}.jpg`, sha256: `sha-${id}`, mime: 'image/jpeg', ts: T0 }],
    createdAt: T0,
    updatedAt: T0,
    sourceRefs: [],
    ...over,
  };
}

describeBackends('case repositories', (open) => {
  it('numbers ids per day, stores and updates cases, keeps refs once, finds open candidates', () => {
    const repo = new CaseRepo(open(casesMigrations));
    expect([repo.nextId('20261123'), repo.nextId('20261123'), repo.nextId('20261124')]).toEqual([
      '2026112300001',
      '2026112300002',
      '2026112400001',
    ]);
    const a = aCase('A', { cameraId: 'cam-1', zoneId: 'z1', unitId: 'squad', location: { lat: 22.7, lon: 114.2 } });
    const b = aCase('B', { cameraId: 'cam-1', gridCell: 'g-1', createdAt: T0 + 1, vehicleId: 'S-4' });
    repo.db.transaction(() => {
      repo.insert(a);
      repo.insert(b);
    })();
    expect(repo.get('A')).toEqual(a);
    repo.update({ ...a, status: 'handling', deadline: T0 + 7_200_000, updatedAt: T0 + 5 });
    expect(repo.get('A')).toMatchObject({ status: 'handling', deadline: T0 + 7_200_000 });
    repo.addRef('hit:1', 'A', T0);
    repo.addRef('hit:1', 'B', T0); // already A's: kept
    expect(repo.caseIdByRef('hit:1')).toBe('A');
    expect(repo.openCandidates('05-04', { cameraId: 'cam-1', zoneId: 'z1' }, 30).map((c) => c.id)).toEqual(['A']);
    expect(repo.openCandidates('05-04', { cameraId: 'cam-1' }, 30).map((c) => c.id)).toEqual(['B']);
    expect(repo.openCandidates('05-04', { lat: 22.7001, lon: 114.2001 }, 50).map((c) => c.id)).toEqual(['A']);
    expect(repo.unitHasEvidence('squad', 'sha-A')).toBe(true);
    expect(repo.unitHasEvidence('squad', 'sha-B')).toBe(false);
    expect(repo.cellsHaveEvidence(['g-1', 'g-2'], 'sha-B')).toBe(true);
    expect(repo.cellsHaveEvidence([], 'sha-B')).toBe(false);
    expect(openForVehicle(repo, '05-04', 'S-4').map((c) => c.id)).toEqual(['B']);
  });

  it('appends the audit trail with increasing sequence numbers and reads it back', () => {
    const repo = new CaseRepo(open(casesMigrations));
    repo.insert(aCase('A'));
    const s1 = repo.appendEvent({ caseId: 'A', ts: T0, actor: 'op', role: 'operator', action: 'register' });
    const s2 = repo.appendEvent({
      caseId: 'A',
      ts: T0 + 1,
      actor: 'op',
      role: 'operator',
      action: 'dispatch',
      from: 'registered',
      to: 'dispatched',
      data: { unit: 'squad' },
    });
    expect(s2).toBeGreaterThan(s1);
    expect(repo.timeline('A')).toEqual([
      { seq: s1, caseId: 'A', ts: T0, actor: 'op', role: 'operator', action: 'register' },
      {
        seq: s2,
        caseId: 'A',
        ts: T0 + 1,
        actor: 'op',
        role: 'operator',
        action: 'dispatch',
        from: 'registered',
        to: 'dispatched',
        data: { unit: 'squad' },
      },
    ]);
  });

  it('keeps the outbox: pending in order, delivered, failed, counted per target', () => {
    const db = open(casesMigrations);
    const repo = new CaseRepo(db);
    repo.insert(aCase('A'));
    const seq = repo.appendEvent({ caseId: 'A', ts: T0, actor: 'op', role: 'operator', action: 'register' });
    for (const t of ['hook', 'hook', 'robot']) insertOutboxRow(db, t, seq, '{}', T0);
    const [first, second] = pending(db, 'hook', 10);
    expect(pending(db, 'hook', 10).map((r) => r.next_at)).toEqual([T0, T0]);
    markDelivered(db, first!.id, T0 + 1);
    markFailed(db, second!.id, 'HTTP 500', undefined, T0 + 2);
    expect(outboxStats(db)).toEqual({ pending: 1, delivered: 1, failed: 1 });
    expect(outboxByTarget(db)).toEqual([
      { target: 'hook', pending: 0, delivered: 1, failed: 1, lastDeliveredAt: T0 + 1, lastError: 'HTTP 500' },
      { target: 'robot', pending: 1, delivered: 0, failed: 0 },
    ]);
  });

  it('records hits, verdicts and masks; lists hits with filters and counts verdicts', () => {
    const db = open(casesMigrations);
    const repo = new VerdictRepo(db);
    repo.upsertHit(hit('h1', { start: T0, lastSeen: T0 }));
    repo.upsertHit(hit('h1', { start: T0, lastSeen: T0 + 9, end: T0 + 10 }));
    repo.upsertHit(hit('h2', { start: T0 + 20, lastSeen: T0 + 20, suppressed: { maskId: 'm1', until: T0 + 100 } }));
    expect(repo.hit('h1')?.end).toBe(T0 + 10);
    const v = repo.insertVerdict({
      hitId: 'h1',
      verdict: 'false',
      reason: 'wrong-object',
      by: 'op',
      role: 'operator',
      at: T0,
    });
    expect(repo.verdictsOfHit('h1')).toEqual([v]);
    const region = { x1: 0.1, y1: 0.1, x2: 0.5, y2: 0.5 };
    const mask = { id: 'm1', cameraId: 'cam-1', zoneId: 'z-vend', rule: 'vending' as const, region };
    repo.insertMask({ ...mask, createdAt: T0, until: T0 + 100, by: 'op', hitId: 'h1' });
    expect(repo.masks({ cameraId: 'cam-1', activeAt: T0 + 50 }).map((m) => m.id)).toEqual(['m1']);
    expect(repo.masks({ activeAt: T0 + 100 })).toEqual([]);
    repo.lift('m1', T0 + 60, 'op');
    expect(repo.masks({ cameraId: 'cam-1' })[0]).toMatchObject({ liftedAt: T0 + 60, liftedBy: 'op' });
    expect(repo.maskEvents('m1').map((e) => e.action)).toEqual(['created', 'lifted']);
    expect(listHits(db, { limit: 10 }).map((i) => [i.hit.id, i.verdict?.verdict])).toEqual([
      ['h2', undefined],
      ['h1', 'false'],
    ]);
    expect(listHits(db, { limit: 10, suppressed: true }).map((i) => i.hit.id)).toEqual(['h2']);
    expect(listHits(db, { limit: 10, cameraId: 'nope' })).toEqual([]);
    expect(verdictStats(db, T0, T0 + 100)).toEqual([
      expect.objectContaining({ cameraId: 'cam-1', hits: 2, suppressed: 1, false: 1, confirmed: 0, unjudged: 0 }),
    ]);
    expect(repo.purgeHits(T0 + 100)).toBe(1); // h2: nobody judged it
  });

  it('gives camera windows, KPI cases and the filtered case list', () => {
    const db = open(casesMigrations);
    const repo = new CaseRepo(db);
    const windows = new CameraWindows(db);
    new VerdictRepo(db).upsertHit(hit('h1', { start: T0 - 5000, lastSeen: T0 - 1000 }));
    repo.insert(aCase('A', { cameraId: 'cam-1', unitId: 'squad', gridCell: 'g-1' }));
    repo.insert(aCase('B', { cameraId: 'cam-1', status: 'closed', createdAt: T0 + 10, category: '01-02' }));
    repo.addRef('hit:h1', 'A', T0);
    repo.appendEvent({ caseId: 'A', ts: T0, actor: 'system', role: 'system', action: 'register' });
    expect(windows.hitMarks('cam-1', T0 - 10_000, T0)).toEqual([
      { id: 'h1', start: T0 - 5000, end: T0 - 1000, category: '05-04', rule: 'vending' },
    ]);
    expect(windows.caseMarks('cam-1', T0, T0 + 100).map((m) => m.id)).toEqual(['A', 'B']);
    expect(windows.protectedWindows('cam-1').length).toBe(2);
    expect(windows.scopeCameras({ unit: 'squad' })).toEqual(['cam-1']);
    expect(windows.scopeCameras({ cells: [] })).toEqual([]);
    expect(windows.scopeWindows({ cells: ['g-1'] }, 'cam-1').length).toBe(2);
    expect(loadKpiCases(db, T0, T0 + 1).map((k) => [k.id, k.events.length])).toEqual([['A', 1]]);
    const ids = (f: Parameters<typeof listCases>[1]): string[] => listCases(db, f, T0).items.map((c) => c.id);
    expect(ids({ ascending: true })).toEqual(['A', 'B']);
    expect(ids({ category: '05-*' })).toEqual(['A']);
    expect(ids({ unit: '(none)' })).toEqual(['B']);
    expect(ids({ status: ['closed'], from: T0 + 1, to: T0 + 11 })).toEqual(['B']);
    expect(listCases(db, { pageSize: 1, page: 2 }, T0)).toMatchObject({ total: 2, page: 2 });
  });
});
