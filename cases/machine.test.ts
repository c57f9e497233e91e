import { describe, expect, it } from 'vitest';
import type { Case, CaseAction, CaseStatus } from '../kernel/types/index.ts';
import { applyAction, type Actor, type Command, type MachineEnv } from './machine.ts';
import { ACTIONS, STATUSES, type ActorRole } from './rules.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const env = (now = T0): MachineEnv => ({
  now,
  limitHours: 4,
  addWorkingHours: (from, h) => from + h * H,
  workingHoursBetween: (a, b) => Math.max(0, b - a) / H,
  knownUnit: (u) => u === 'u1' || u === 'u2',
});
const base: Case = {
  id: '2026112300001',
  source: 'camera',
  category: '05-04',
  status: 'reported',
  description: 'stall on the pavement',
  evidence: [],
  createdAt: T0 - H,
  updatedAt: T0 - H,
  sourceRefs: ['hit-1'],
};
const actors: Record<ActorRole, Actor> = {
  admin: { id: 'root', role: 'admin' },
  operator: { id: 'op', role: 'operator' },
  handler: { id: 'h1', role: 'handler', unit: 'u1' },
  regulator: { id: 'reg', role: 'regulator' },
  inspector: { id: 'insp', role: 'inspector', cells: ['c1'] },
  system: { id: 'system:auto', role: 'system' },
};
const full = (action: CaseAction): Command => ({ action, reason: 'because', hours: 4, score: 4, unit: 'u1' });

/**
 * The specification, written out by hand: ACTION FROM-STATUSES → TO : ROLES ("=" keeps the status, "<" goes back
 * to the status the case was suspended from). Everything not listed must be refused.
 */
const SPEC = `
register          reported                      → registered : operator admin system
reject            reported,registered           → rejected   : operator admin
dispatch          registered                    → dispatched : operator admin system
accept            dispatched                    → handling   : handler admin
return            dispatched,handling           → registered : handler admin
handle            handling                      → handled    : handler admin
verify            handled                       → closed     : operator admin system inspector
rework            handled                       → handling   : operator admin system inspector
request-extension dispatched,handling           → =          : handler admin
approve-extension dispatched,handling           → =          : operator admin
deny-extension    dispatched,handling           → =          : operator admin
suspend           registered,dispatched,handling → suspended : operator admin
resume            suspended                     → <          : operator admin
evaluate          closed                        → =          : regulator admin
cancel            dispatched,handling,handled,suspended → cancelled : operator admin
urge              dispatched,handling           → =          : operator admin
escalate          dispatched,handling           → =          : admin
`;
const spec = new Map<CaseAction, { from: string[]; to: string; roles: string[] }>();
for (const line of SPEC.trim().split('\n')) {
  const m = /^(\S+)\s+(\S+)\s+→\s+(\S+)\s+:\s+(.+)$/.exec(line.trim())!;
  spec.set(m[1] as CaseAction, { from: m[2]!.split(','), to: m[3]!, roles: m[4]!.trim().split(/\s+/) });
}

function fixture(status: CaseStatus, action: CaseAction): Case {
  const pending = action === 'approve-extension' || action === 'deny-extension';
  return Object.freeze({
    ...base,
    status,
    unitId: 'u1',
    gridCell: 'c1',
    deadline: T0 + 2 * H,
    ...(status === 'suspended' ? { suspendedFrom: 'handling' as const, suspendedAt: T0 - H } : {}),
    ...(pending ? { extension: { hours: 8, reason: 'rain', by: 'h1', at: T0 - H } } : {}),
  });
}

describe('state machine: every action × status × role', () => {
  it('the spec covers every action', () => {
    expect([...spec.keys()].sort()).toEqual([...ACTIONS].sort());
  });
  const rows: [CaseAction, CaseStatus, ActorRole][] = [];
  for (const a of ACTIONS)
    for (const s of STATUSES) for (const r of Object.keys(actors) as ActorRole[]) rows.push([a, s, r]);
  it.each(rows)('%s from %s by %s', (action, status, role) => {
    const want = spec.get(action)!;
    const c = fixture(status, action);
    const out = applyAction(c, full(action), actors[role], env());
    const roleOk = want.roles.includes(role);
    const stateOk = want.from.includes(status);
    if (roleOk && stateOk) {
      expect(out.ok, out.ok ? '' : out.message).toBe(true);
      if (!out.ok) return;
      const to = want.to === '=' ? status : want.to === '<' ? 'handling' : want.to;
      expect(out.case.status).toBe(to);
      expect(out.audit).toMatchObject({ action, from: status, to });
      expect(out.case.updatedAt).toBe(T0);
    } else {
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.code).toBe(roleOk ? 'conflict' : 'forbidden');
      expect(out.message).toContain(roleOk ? status : role);
    }
  });
});

describe('state machine: conditions beyond role and state', () => {
  it('a handler acts only on cases of their own unit', () => {
    const c = fixture('dispatched', 'accept');
    const other = applyAction(c, full('accept'), { id: 'h2', role: 'handler', unit: 'u2' }, env());
    const none = applyAction(c, full('accept'), { id: 'h3', role: 'handler' }, env());
    expect(other).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/not dispatched to your unit/),
    });
    expect(none).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('an inspector verifies (核查) only cases in their own grid cells', () => {
    const c = fixture('handled', 'verify');
    const cmd = { action: 'verify', reason: '现场已清理' } as const;
    expect(applyAction(c, cmd, actors.inspector, env())).toMatchObject({ ok: true, case: { status: 'closed' } });
    const elsewhere = { id: 'i2', role: 'inspector', cells: ['c2'] } as const;
    expect(applyAction(c, { ...cmd, action: 'rework' }, elsewhere, env())).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/not in your grid cells/),
    });
    const noCell = applyAction({ ...c, gridCell: undefined }, cmd, actors.inspector, env());
    expect(noCell).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it.each([
    ['reject', { action: 'reject' }, 'reported', /reason/],
    ['reject with blanks', { action: 'reject', reason: '  ' }, 'reported', /reason/],
    ['handle without feedback', { action: 'handle' }, 'handling', /reason/],
    ['verify (核查结案) without a reason', { action: 'verify' }, 'handled', /reason/],
    ['cancel (作废) without a reason', { action: 'cancel' }, 'dispatched', /reason/],
    ['extension without hours', { action: 'request-extension', reason: 'rain' }, 'handling', /hours/],
    ['extension of -1 h', { action: 'request-extension', reason: 'rain', hours: -1 }, 'handling', /hours/],
    ['evaluate 6', { action: 'evaluate', score: 6 }, 'closed', /score/],
    ['evaluate 2.5', { action: 'evaluate', score: 2.5 }, 'closed', /score/],
    ['escalate (督办) without a reason', { action: 'escalate' }, 'handling', /^reason: .*needs a reason/],
    ['escalate (督办) with blanks', { action: 'escalate', reason: ' \n ' }, 'dispatched', /^reason:/],
    ['dispatch to an unknown unit', { action: 'dispatch', unit: 'nope' }, 'registered', /unknown unit "nope"/],
  ] as const)('refuses %s as a bad request naming the field', (_n, cmd, status, msg) => {
    const out = applyAction({ ...base, status, unitId: 'u1' }, cmd as Command, actors.admin, env());
    expect(out).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(msg) });
  });

  it('dispatch without a unit needs a routed one', () => {
    const out = applyAction({ ...base, status: 'registered' }, { action: 'dispatch' }, actors.operator, env());
    expect(out).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^unit:/) });
  });

  it('an unknown action is a bad request', () => {
    const out = applyAction(base, { action: 'fly' as CaseAction }, actors.admin, env());
    expect(out).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringContaining('fly') });
  });
});

describe('state machine: 催办 and 督办', () => {
  const c = fixture('handling', 'urge');

  it('催办 keeps the status, records the optional note and the unit, and may be repeated', () => {
    const bare = applyAction(c, { action: 'urge' }, actors.operator, env());
    expect(bare).toMatchObject({
      ok: true,
      case: { status: 'handling' },
      audit: { action: 'urge', data: { unit: 'u1' } },
    });
    if (!bare.ok) return;
    expect(bare.audit.reason).toBeUndefined();
    const again = applyAction(bare.case, { action: 'urge', reason: ' 群众再次来电 ' }, actors.admin, env(T0 + H));
    expect(again).toMatchObject({ ok: true, audit: { reason: '群众再次来电', from: 'handling', to: 'handling' } });
    expect(applyAction(c, { action: 'urge' }, actors.handler, env())).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('督办 flags the case once, by an admin only, with the reason', () => {
    const cmd: Command = { action: 'escalate', reason: ' 超期两天 ' };
    const out = applyAction(c, cmd, actors.admin, env(T0 + H));
    expect(out).toMatchObject({
      ok: true,
      case: { status: 'handling', supervised: { by: 'root', at: T0 + H, reason: '超期两天' } },
      audit: { action: 'escalate', reason: '超期两天' },
    });
    if (!out.ok) return;
    const twice = applyAction(out.case, cmd, actors.admin, env(T0 + 2 * H));
    expect(twice).toMatchObject({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('already supervised'),
    });
    for (const role of ['operator', 'handler', 'regulator', 'system'] as const) {
      expect(applyAction(c, cmd, actors[role], env())).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });
});

describe('state machine: a whole loop as a timeline', () => {
  it('dispatch sets the deadline once; return, re-dispatch keep it; rework counts; extend, suspend move it', () => {
    let c: Case = base;
    const step = (cmd: Command, actor: Actor, now: number): Case => {
      const out = applyAction(c, cmd, actor, env(now));
      if (!out.ok) throw new Error(out.message);
      c = out.case;
      return c;
    };
    step({ action: 'register' }, actors.system, T0);
    step({ action: 'dispatch', unit: 'u2' }, actors.operator, T0 + H);
    expect(c).toMatchObject({ status: 'dispatched', unitId: 'u2', dispatchedAt: T0 + H, deadline: T0 + 5 * H });
    step({ action: 'return', reason: 'not our street' }, { id: 'h2', role: 'handler', unit: 'u2' }, T0 + 2 * H);
    expect(c.unitId).toBeUndefined();
    step({ action: 'dispatch', unit: 'u1' }, actors.operator, T0 + 3 * H);
    expect(c).toMatchObject({ unitId: 'u1', dispatchedAt: T0 + H, deadline: T0 + 5 * H });
    step({ action: 'accept' }, actors.handler, T0 + 3 * H);
    step({ action: 'request-extension', reason: 'heavy rain', hours: 2 }, actors.handler, T0 + 3 * H);
    expect(
      applyAction(c, { action: 'request-extension', reason: 'again', hours: 1 }, actors.handler, env()),
    ).toMatchObject({ ok: false, code: 'conflict' });
    step({ action: 'approve-extension' }, actors.operator, T0 + 4 * H);
    expect(c).toMatchObject({ deadline: T0 + 7 * H, extension: undefined });
    step({ action: 'suspend', reason: 'road works' }, actors.operator, T0 + 4 * H);
    step({ action: 'resume' }, actors.operator, T0 + 7 * H);
    expect(c).toMatchObject({ status: 'handling', deadline: T0 + 10 * H, suspendedFrom: undefined });
    step({ action: 'handle', reason: 'cleared, photo attached' }, actors.handler, T0 + 8 * H);
    step({ action: 'rework', reason: 'still there on camera' }, actors.system, T0 + 8 * H);
    step({ action: 'handle', reason: 'cleared again' }, actors.handler, T0 + 9 * H);
    step({ action: 'verify', reason: 'checked on site' }, actors.operator, T0 + 9.5 * H);
    step({ action: 'evaluate', score: 4, reason: 'slow first time' }, actors.regulator, T0 + 10 * H);
    expect(c).toMatchObject({
      status: 'closed',
      reworkCount: 1,
      handledAt: T0 + 9 * H,
      closedAt: T0 + 9.5 * H,
      evaluation: { score: 4, note: 'slow first time', by: 'reg' },
    });
  });
});
