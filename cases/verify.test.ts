import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import type { Evidence, RecheckRequest, RecheckResult, Rechecker } from '../kernel/types/index.ts';
import { hit, startCases, type Harness, useBackend } from './fixture.ts';
import type { Actor } from './machine.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const ev = (name: string): Evidence => ({
  kind: 'annotated',
  path: `recheck/${name}.jpg`,
  sha256: `sha-${name}`,
  mime: 'image/jpeg',
  ts: 1,
});

/** A Rechecker answering from a script, recording what it was asked. */
class ScriptedRechecker implements Rechecker {
  readonly asked: RecheckRequest[] = [];
  constructor(private readonly answer: (req: RecheckRequest) => Promise<RecheckResult>) {}
  recheck(req: RecheckRequest): Promise<RecheckResult> {
    this.asked.push(req);
    return this.answer(req);
  }
}

const clear = new ScriptedRechecker(async () => ({
  clear: true,
  before: ev('before'),
  after: ev('after'),
  detail: 'found in 0 of 3 frames',
  ts: 1,
}));
const still = new ScriptedRechecker(async () => ({
  clear: false,
  after: ev('still'),
  detail: 'found in 3 of 3 frames',
  ts: 1,
}));
const broken = new ScriptedRechecker(async () => Promise.reject(new Error('camera cam-1 offline')));
const handler: Actor = { id: 'h-sq', role: 'handler', unit: 'squad' };

let h: Harness | undefined;
afterEach(async () => h?.stop());

async function handledCameraCase(
  r: Rechecker | undefined,
  extra: Record<string, unknown> = {},
): Promise<{ h: Harness; id: string }> {
  h = await startCases(
    tempDir('gw-verify-'),
    new ManualClock(Date.parse('2026-11-23T09:00:00+08:00')),
    extra,
    r ? { rechecker: r } : {},
  );
  h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
  const id = h.store.db.prepare('SELECT id FROM cases').pluck().get() as string;
  h.module.service.act(id, { action: 'accept' }, handler);
  h.module.service.act(id, { action: 'handle', reason: '已清理' }, handler);
  await h.module.verifier.idle();
  return { h, id };
}

describeBackends('verification by camera', (_open, ctx) => {
  useBackend(ctx);

  it('clear → verified and closed by the system with the before/after pair', async () => {
    const { h, id } = await handledCameraCase(clear);
    const c = h.module.service.get(id)!;
    expect(c.status).toBe('closed');
    expect(c.evidence.map((e) => e.path)).toEqual(['hits/h1.jpg', 'recheck/before.jpg', 'recheck/after.jpg']);
    expect(clear.asked.at(-1)).toEqual({ cameraId: 'cam-1', zoneId: 'z-vend', hitId: 'h1' });
    const tl = h.module.service.timeline(id).slice(-2);
    expect(tl.map((e) => [e.action, e.actor])).toEqual([
      ['attached', 'system:auto'],
      ['verify', 'system:auto'],
    ]);
    expect(tl[1]!.reason).toBe('摄像头复核通过：found in 0 of 3 frames');
    expect(tl[1]!.data?.text).toMatchObject({ key: 'cases.recheck.clear' });
  });

  it('still present → rework with the fresh evidence', async () => {
    const { h, id } = await handledCameraCase(still);
    const c = h.module.service.get(id)!;
    expect(c).toMatchObject({ status: 'handling', reworkCount: 1 });
    expect(c.evidence.map((e) => e.path)).toContain('recheck/still.jpg');
    expect(h.module.service.timeline(id).at(-1)).toMatchObject({
      action: 'rework',
      reason: expect.stringContaining('摄像头复核：问题仍在'),
    });
  });

  it('switched off for the zone (Rechecker.enabled) or the category: no re-check, a note, manual 核查结案', async () => {
    const asked: RecheckRequest[] = [];
    const zoneOff: Rechecker = {
      recheck: (req) => {
        asked.push(req);
        return clear.recheck(req);
      },
      enabled: (_cam, zone) => zone !== 'z-vend',
    };
    const { h, id } = await handledCameraCase(zoneOff);
    expect(asked).toEqual([]);
    expect(h.module.service.get(id)!.status).toBe('handled');
    expect(h.module.service.timeline(id).at(-1)).toMatchObject({
      action: 'note',
      reason: '区域“解放路西侧人行道”未启用摄像头复核，请人工核查结案或返工',
    });
    await h.stop();
    const cats = [
      {
        code: '05-04',
        major: '街面秩序',
        name: '店外经营',
        limitHours: 2,
        autoRegister: true,
        autoDispatch: true,
        verifyByCamera: false,
      },
    ];
    const off = await handledCameraCase(clear, { cases: { categories: cats } });
    expect(off.h.module.service.get(off.id)!.status).toBe('handled');
    expect(off.h.module.service.timeline(off.id).at(-1)!.reason).toBe(
      '类别“店外经营”未启用摄像头复核，请人工核查结案或返工',
    );
    expect(
      off.h.module.service.act(off.id, { action: 'verify', reason: '现场已清理' }, { id: 'op', role: 'operator' }).ok,
    ).toBe(true);
  });

  it('a failing re-check leaves the case for manual verification, with a note', async () => {
    const { h, id } = await handledCameraCase(broken);
    expect(h.module.service.get(id)!.status).toBe('handled');
    expect(h.module.service.timeline(id).at(-1)).toMatchObject({
      action: 'note',
      reason: '摄像头复核失败，请人工核查',
    });
    expect(h.module.service.act(id, { action: 'verify', reason: 'checked' }, { id: 'op', role: 'operator' }).ok).toBe(
      true,
    );
  });

  it('without a Rechecker, verification is manual; plugging one in re-checks cases already waiting', async () => {
    const { h, id } = await handledCameraCase(undefined);
    expect(h.module.service.get(id)!.status).toBe('handled');
    h.module.setRechecker(clear);
    await waitFor(() => h.module.service.get(id)!.status === 'closed');
  });

  it('does not re-check cases without a camera, and yields to an operator who verified first', async () => {
    let release: (r: RecheckResult) => void = () => {};
    const slow = new ScriptedRechecker(() => new Promise((r) => (release = r)));
    const hh = await startCases(
      tempDir('gw-verify-'),
      new ManualClock(Date.parse('2026-11-23T09:00:00+08:00')),
      {},
      { rechecker: slow },
    );
    h = hh;
    hh.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    const id = hh.store.db.prepare('SELECT id FROM cases').pluck().get() as string;
    hh.module.service.act(id, { action: 'accept' }, handler);
    hh.module.service.act(id, { action: 'handle', reason: '已清理' }, handler);
    expect(hh.module.service.act(id, { action: 'verify', reason: 'checked' }, { id: 'op', role: 'operator' }).ok).toBe(
      true,
    );
    release({ clear: false, detail: 'late answer', ts: 2 });
    await hh.module.verifier.idle();
    expect(hh.module.service.get(id)!.status).toBe('closed');
    expect(hh.module.service.timeline(id).at(-1)).toMatchObject({ action: 'verify', actor: 'op' });

    const citizen = hh.module.service.create(
      { source: 'citizen', category: '05-01', description: 'x', address: 'y' },
      { id: 'op', role: 'operator' },
    );
    const asked = slow.asked.length;
    const op: Actor = { id: 'op', role: 'operator' };
    for (const [action, a, reason] of [
      ['register', op],
      ['dispatch', op],
      ['accept', handler],
      ['handle', handler, 'done'],
    ] as const) {
      expect(hh.module.service.act(citizen.id, { action, reason }, a).ok).toBe(true);
    }
    await hh.module.verifier.idle();
    expect(slow.asked.length).toBe(asked);
    expect(hh.module.service.get(citizen.id)!.status).toBe('handled');
  });
});
