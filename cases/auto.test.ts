import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { tempDir } from '../kernel/testing.ts';
import { hit, startCases, violation, type Harness, useBackend } from './fixture.ts';
import { listCases } from './list.ts';
import { SYSTEM } from './service.ts';
import { isoLocal } from '../kernel/time.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const sh = (s: string): number => Date.parse(`${s}+08:00`);
const local = (t: number | undefined): string => isoLocal(t!, 'Asia/Shanghai');
/** Thursday before the Mid-Autumn holiday (Fri 2026-09-25) and a weekend. */
const THU = sh('2026-09-24T16:30:00');

let h: Harness;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(THU);
  h = await startCases(tempDir('gw-auto-'), clock);
});
afterEach(async () => h.stop());

const count = (): number => listCases(h.store.db, {}, clock.now()).total;
const svc = (): Harness['module']['service'] => h.module.service;

describeBackends('automatic cases from camera hits', (_open, ctx) => {
  useBackend(ctx);

  it('opens a case: category, grid cell, unit, evidence, working-hour deadline over a holiday and weekend', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('h1', { start: THU }) });
    const [c] = listCases(h.store.db, {}, clock.now()).items;
    expect(c).toMatchObject({
      id: '2026092400001',
      source: 'camera',
      category: '05-04',
      gridCell: '320302001002002',
      unitId: 'squad',
      status: 'dispatched', // 05-04 registers and dispatches automatically
      cameraId: 'cam-1',
      zoneId: 'z-vend',
      location: { lat: 34.0012, lon: 118.0021 },
      sourceRefs: ['hit:h1'],
      evidence: [{ path: 'hits/h1.jpg' }],
    });
    // 2 working hours from Thu 16:30: 1 h on Thursday; Fri is Mid-Autumn, then the weekend; 1 h on Monday.
    expect(local(c!.deadline)).toBe('2026-09-28T09:30:00+08:00');
    expect(c!.description).toContain('解放路西侧人行道');
    const tl = svc().timeline(c!.id);
    expect(tl.map((e) => [e.action, e.actor, e.to])).toEqual([
      ['created', 'system:auto', 'reported'],
      ['register', 'system:auto', 'registered'],
      ['dispatch', 'system:auto', 'dispatched'],
    ]);
    expect(h.events.map((e) => e.type)).toEqual(['created', 'transition', 'transition']);
  });

  it('litter (4 working hours) from the Wednesday before National Day lands after the holiday week', () => {
    clock.set(sh('2026-09-30T16:00:00'));
    h.bus.emit('hit', {
      phase: 'start',
      hit: hit('L1', { rule: 'litter', category: '01-02', cameraId: 'cam-2', zoneId: 'z-litter' }),
    });
    const [c] = listCases(h.store.db, {}, clock.now()).items;
    expect(c).toMatchObject({
      category: '01-02',
      gridCell: '320302001034028',
      unitId: 'sanitation',
      status: 'dispatched',
    });
    // 1.5 h on 09-30; 10-01..10-07 holidays and weekend; 2.5 h on Thursday 10-08.
    expect(local(c!.deadline)).toBe('2026-10-08T11:00:00+08:00');
  });

  it('a second hit at the same spot attaches; updates refresh evidence; end adds a note', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    clock.advance(60_000);
    h.bus.emit('hit', { phase: 'start', hit: hit('h2') }); // same camera and zone
    h.bus.emit('hit', {
      phase: 'start',
      hit: hit('h3', { zoneId: 'z-other', location: { lat: 34.00125, lon: 118.0021 } }),
    }); // 5.6 m away
    expect(count()).toBe(1);
    const id = listCases(h.store.db, {}, clock.now()).items[0]!.id;
    const before = svc().timeline(id).length;
    h.bus.emit('hit', { phase: 'update', hit: hit('h1') }); // nothing new: nothing written
    expect(svc().timeline(id).length).toBe(before);
    const fresh = {
      kind: 'snapshot' as const,
      path: 'hits/h1-later.jpg',
      sha256: 'sha-later',
      mime: 'image/jpeg',
      ts: 5,
    };
    h.bus.emit('hit', { phase: 'update', hit: hit('h1', { evidence: [fresh] }) });
    h.bus.emit('hit', { phase: 'end', hit: hit('h1', { start: THU, end: THU + 25 * 60_000 }) });
    const c = svc().get(id)!;
    expect(c.sourceRefs).toEqual(['hit:h1', 'hit:h2', 'hit:h3']);
    expect(c.evidence.map((e) => e.path)).toEqual(['hits/h1.jpg', 'hits/h2.jpg', 'hits/h3.jpg', 'hits/h1-later.jpg']);
    const tail = svc()
      .timeline(id)
      .slice(-4)
      .map((e) => e.action);
    expect(tail).toEqual(['attached', 'attached', 'attached', 'note']);
    expect(svc().timeline(id).at(-1)!.reason).toBe('现场问题已消失（持续 25 分钟）');
  });

  it('a hit beyond dedupMeters, or of another category, opens its own case', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    h.bus.emit('hit', {
      phase: 'start',
      hit: hit('far', { zoneId: 'z-x', location: { lat: 34.0016, lon: 118.0021 } }),
    }); // 44 m
    h.bus.emit('hit', { phase: 'start', hit: hit('other', { category: '05-01' }) });
    const items = listCases(h.store.db, { ascending: true }, clock.now()).items;
    expect(items.map((c) => [c.id, c.category, c.status])).toEqual([
      ['2026092400001', '05-04', 'dispatched'],
      ['2026092400002', '05-04', 'dispatched'],
      ['2026092400003', '05-01', 'reported'], // 05-01 needs a person to register
    ]);
    expect(items[2]!.deadline).toBeUndefined();
    expect(items[2]!.unitId).toBe('squad');
  });

  it('after closure a new hit at the same spot opens a new case; a replayed old hit does not', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    const id = listCases(h.store.db, {}, clock.now()).items[0]!.id;
    const handler = { id: 'h-sq', role: 'handler' as const, unit: 'squad' };
    expect(svc().act(id, { action: 'accept' }, handler).ok).toBe(true);
    expect(svc().act(id, { action: 'handle', reason: 'stall removed' }, handler).ok).toBe(true);
    expect(svc().act(id, { action: 'verify', reason: 'checked' }, { id: 'op', role: 'operator' }).ok).toBe(true);
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // replay
    h.bus.emit('hit', { phase: 'update', hit: hit('h1', { evidence: [] }) });
    expect(count()).toBe(1);
    clock.advance(3_600_000);
    h.bus.emit('hit', { phase: 'start', hit: hit('h9') });
    const items = listCases(h.store.db, { ascending: true }, clock.now()).items;
    expect(items.map((c) => [c.id, c.status])).toEqual([
      ['2026092400001', 'closed'],
      ['2026092400002', 'dispatched'],
    ]);
  });

  it('routes by polygon cell (MARKET-01 → market-squad)', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('m1', { zoneId: 'z-m', location: { lat: 34.011, lon: 118.011 } }) });
    expect(listCases(h.store.db, {}, clock.now()).items[0]).toMatchObject({
      gridCell: 'MARKET-01',
      unitId: 'market-squad',
    });
  });

  it('a hit with a category missing from the table opens nothing and says why', () => {
    h.bus.emit('hit', { phase: 'start', hit: hit('bad', { category: '77-77' }) });
    expect(count()).toBe(0);
    expect(h.logs.join('')).toMatch(/"category":"77-77".*missing from cases.categories/);
  });

  it('a citizen report and a camera hit at the same place merge; the case then becomes verifiable by camera', () => {
    const c = svc().create(
      {
        source: 'citizen',
        category: '05-04',
        description: '门口摆摊',
        location: { lat: 34.0012, lon: 118.0022 },
        refs: ['open311:t1'],
      },
      { id: 'apikey:app', role: 'system' },
    );
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // 9 m away
    expect(count()).toBe(1);
    expect(svc().get(c.id)).toMatchObject({
      source: 'citizen',
      cameraId: 'cam-1',
      zoneId: 'z-vend',
      sourceRefs: ['open311:t1', 'hit:h1'],
    });
  });
});

describeBackends('automatic cases from vehicle violations', (_open, ctx) => {
  useBackend(ctx);

  it('opens a registered case with contractor and a track file; updates replace the track; a repeat attaches', () => {
    h.bus.emit('violation', { phase: 'start', violation: violation('v1') });
    const [c] = listCases(h.store.db, {}, clock.now()).items;
    expect(c).toMatchObject({
      source: 'vehicle',
      category: '90-01',
      status: 'registered',
      vehicleId: 'S-4',
      contractor: 'chengjie',
      unitId: 'sanitation',
    });
    expect(c!.evidence).toHaveLength(1);
    expect(existsSync(path.join(h.module.evidence.dir, c!.evidence[0]!.path))).toBe(true);
    const longer = violation('v1', { track: [...violation('v1').track, { lon: 118.001, lat: 34.001, ts: 3 }] });
    h.bus.emit('violation', { phase: 'update', violation: longer });
    const after = svc().get(c!.id)!;
    expect(after.evidence).toHaveLength(1);
    expect(after.evidence[0]!.sha256).not.toBe(c!.evidence[0]!.sha256);
    h.bus.emit('violation', { phase: 'start', violation: violation('v2', { where: { lat: 34.02, lon: 118.02 } }) });
    h.bus.emit('violation', {
      phase: 'start',
      violation: violation('v3', { vehicleId: 'P-1', contractor: '绿源清运公司' }),
    });
    const items = listCases(h.store.db, { ascending: true }, clock.now()).items;
    expect(items.map((x) => [x.vehicleId, x.sourceRefs, x.contractor])).toEqual([
      ['S-4', ['violation:v1', 'violation:v2'], 'chengjie'],
      ['P-1', ['violation:v3'], '绿源清运公司'],
    ]);
    h.bus.emit('violation', { phase: 'end', violation: violation('v1', { end: 600_000 }) });
    expect(svc().timeline(c!.id).at(-1)).toMatchObject({ action: 'note', reason: '违规已结束（持续 10 分钟）' });
  });

  it('system actions in automatic creation are recorded as the system', () => {
    h.bus.emit('violation', { phase: 'start', violation: violation('v1') });
    const id = listCases(h.store.db, {}, clock.now()).items[0]!.id;
    expect(
      svc()
        .timeline(id)
        .every((e) => e.actor === SYSTEM.id && e.role === 'system'),
    ).toBe(true);
  });
});
