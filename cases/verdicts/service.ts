/**
 * Verdicts on automatic findings. A hit (or an automatic case, i.e. all its hits) is judged 确认 or 误报; a false
 * alarm ends its case through the workflow (不予立案 before dispatch, 作废 after — the unit hears of it through its
 * feed and the webhooks), never by deleting, and leaves a mask on the hit's region so later findings there (same
 * zone, same rule) are kept as suppressed hits for `suppressDays`. One transaction per verdict; masks go on the bus
 * (`suppressions.changed`) after the commit.
 */
import { randomBytes } from 'node:crypto';
import type { EventBus, HitEvent } from '../../kernel/bus.ts';
import type { Case, FalseReason, Hit, HitVerdict, SuppressionMask, VerdictKind } from '../../kernel/types/index.ts';
import { FALSE_REASONS } from '../../kernel/types/verdict.ts';
import type { Actor } from '../machine.ts';
import { OPEN_STATUSES } from '../rules.ts';
import type { CaseService } from '../service.ts';
import { confirmedText, falseAlarmText } from './reasons.ts';
import type { VerdictRepo } from './repo.ts';
import { msg, ref, type Text } from '../../kernel/messages/text.ts';
import { ROLE_TEXT } from '../machine.ts';

const DAY = 86_400_000;

export interface VerdictInput {
  readonly verdict: VerdictKind;
  readonly reason?: FalseReason;
  readonly note?: string;
}

export type Refused = {
  readonly ok: false;
  readonly code: 'bad_request' | 'not_found' | 'conflict' | 'forbidden';
  readonly message: string;
  /** The same as a server message, rendered in the reader's language. */
  readonly text?: Text;
};

export type VerdictResult =
  | {
      readonly ok: true;
      readonly verdicts: readonly HitVerdict[];
      readonly masks: readonly SuppressionMask[];
      readonly case?: Case;
    }
  | Refused;

export type MaskResult = { readonly ok: true; readonly mask: SuppressionMask } | Refused;

const refuse = (code: Refused['code'], message: string, text?: Text): Refused => ({
  ok: false,
  code,
  message,
  ...(text ? { text } : {}),
});

/** Thrown inside a transaction to roll it back with a refusal. */
class Rollback extends Error {
  constructor(readonly refusal: Refused) {
    super(refusal.message);
  }
}

export class VerdictService {
  constructor(
    readonly repo: VerdictRepo,
    private readonly cases: CaseService,
    private readonly opts: { readonly bus?: EventBus; readonly suppressDays: number },
  ) {}

  /** Keep every phase of every hit (with its evidence and suppression) in the ledger. */
  recordHit(e: HitEvent): void {
    this.repo.upsertHit(e.phase === 'end' ? { ...e.hit, end: e.hit.end ?? e.hit.lastSeen } : e.hit);
  }

  judgeHit(hitId: string, input: VerdictInput, actor: Actor): VerdictResult {
    const hit = this.repo.hit(hitId);
    if (!hit) return refuse('not_found', `hit ${hitId}`, msg('cases.what.hit', { id: hitId }));
    const caseId = this.cases.repo.caseIdByRef(`hit:${hitId}`);
    return this.judge([hit], caseId, input, actor);
  }

  judgeCase(caseId: string, input: VerdictInput, actor: Actor): VerdictResult {
    const c = this.cases.get(caseId);
    if (!c) return refuse('not_found', `case ${caseId}`, msg('cases.refuse.notFound', { id: caseId }));
    if (c.source !== 'camera' && c.source !== 'vehicle') {
      return refuse(
        'conflict',
        `case ${caseId} was reported by a person (${c.source}), not found automatically`,
        msg('cases.verdict.notAutomatic', { id: caseId }),
      );
    }
    const hits = c.sourceRefs
      .filter((r) => r.startsWith('hit:'))
      .map((r) => this.repo.hit(r.slice(4)))
      .filter((h): h is Hit => h !== undefined);
    return this.judge(hits, caseId, input, actor);
  }

  private judge(hits: readonly Hit[], caseId: string | undefined, input: VerdictInput, actor: Actor): VerdictResult {
    const bad = check(input, actor);
    if (bad) return bad;
    const note = input.note?.trim() || undefined;
    const now = this.cases.now();
    try {
      const out = this.cases.transaction(() => {
        const masks: SuppressionMask[] = [];
        const base = { verdict: input.verdict, by: actor.id, role: actor.role, at: now };
        const extra = { ...(input.verdict === 'false' ? { reason: input.reason } : {}), ...(note ? { note } : {}) };
        const verdicts = hits.map((h) => {
          const mask = input.verdict === 'false' ? this.newMask(h, input.reason!, note, actor, now) : undefined;
          if (mask) masks.push(mask);
          const owner = this.cases.repo.caseIdByRef(`hit:${h.id}`) ?? caseId;
          return this.repo.insertVerdict({
            ...base,
            ...extra,
            hitId: h.id,
            ...(owner ? { caseId: owner } : {}),
            ...(mask ? { maskId: mask.id } : {}),
          });
        });
        if (hits.length === 0 && caseId)
          verdicts.push(this.repo.insertVerdict({ ...base, ...extra, hitId: '', caseId }));
        const c = caseId === undefined ? undefined : this.endOrNote(caseId, input, note, actor);
        return { verdicts, masks, case: c };
      });
      for (const cam of new Set(out.masks.map((m) => m.cameraId))) this.publish(cam);
      return { ok: true, ...out };
    } catch (err) {
      if (err instanceof Rollback) return err.refusal;
      throw err;
    }
  }

  /** 误报 → 不予立案 (before dispatch) or 作废 (after); 确认 → a note. A case already over only gets the verdict. */
  private endOrNote(caseId: string, input: VerdictInput, note: string | undefined, actor: Actor): Case | undefined {
    const c = this.cases.get(caseId);
    if (!c || !OPEN_STATUSES.includes(c.status)) return c;
    if (input.verdict === 'confirmed') {
      return this.cases.note(caseId, confirmedText(note), actor);
    }
    const action = c.status === 'reported' || c.status === 'registered' ? 'reject' : 'cancel';
    const out = this.cases.act(caseId, { action, text: falseAlarmText(input.reason!, note) }, actor);
    if (!out.ok) throw new Rollback(refuse(out.code, out.message, out.text));
    return out.case;
  }

  private newMask(h: Hit, reason: FalseReason, note: string | undefined, actor: Actor, now: number): SuppressionMask {
    const mask: SuppressionMask = {
      id: `mask-${now.toString(36)}-${randomBytes(3).toString('hex')}`,
      cameraId: h.cameraId,
      zoneId: h.zoneId,
      rule: h.rule,
      region: h.region,
      createdAt: now,
      until: now + this.opts.suppressDays * DAY,
      by: actor.id,
      reason,
      ...(note ? { note } : {}),
      hitId: h.id,
    };
    this.repo.insertMask(mask);
    return mask;
  }

  /** Extend a mask by `days` from now (or from its end when that is later). */
  extendMask(id: string, days: number, actor: Actor, reason?: string): MaskResult {
    const m = this.repo.mask(id);
    if (!m) return refuse('not_found', `mask ${id}`, msg('cases.what.mask', { id }));
    if (m.liftedAt !== undefined) {
      const text = msg('cases.verdict.maskLifted', { id, user: ref('user', m.liftedBy ?? '') });
      return refuse('conflict', `mask ${id} was lifted by ${m.liftedBy}`, text);
    }
    const now = this.cases.now();
    const until = Math.max(now, m.until) + days * DAY;
    this.cases.transaction(() => this.repo.setUntil(id, until, now, actor.id, reason));
    this.publish(m.cameraId);
    return { ok: true, mask: this.repo.mask(id)! };
  }

  /** Lift a mask: findings at that spot open cases again (an ongoing suppressed hit there opens one now). */
  liftMask(id: string, actor: Actor, reason?: string): MaskResult {
    const m = this.repo.mask(id);
    if (!m) return refuse('not_found', `mask ${id}`, msg('cases.what.mask', { id }));
    if (m.liftedAt !== undefined) {
      const text = msg('cases.verdict.maskLifted', { id, user: ref('user', m.liftedBy ?? '') });
      return refuse('conflict', `mask ${id} was already lifted by ${m.liftedBy}`, text);
    }
    this.cases.transaction(() => this.repo.lift(id, this.cases.now(), actor.id, reason));
    this.publish(m.cameraId);
    return { ok: true, mask: this.repo.mask(id)! };
  }

  activeMasks(cameraId?: string): SuppressionMask[] {
    return this.repo.masks({ ...(cameraId ? { cameraId } : {}), activeAt: this.cases.now() });
  }

  /** Tell the scene rules the camera's masks in force (at start, and after every change). */
  publish(cameraId: string): void {
    this.opts.bus?.emit('suppressions.changed', { cameraId, masks: this.activeMasks(cameraId) });
  }

  /** Keep the ledger bounded: unjudged hits older than `days` go (default 90). */
  purge(days = 90): number {
    return this.repo.purgeHits(this.cases.now() - days * DAY);
  }

  publishAll(): void {
    for (const cam of new Set(this.activeMasks().map((m) => m.cameraId))) this.publish(cam);
  }
}

function check(input: VerdictInput, actor: Actor): Refused | undefined {
  if (actor.role !== 'operator' && actor.role !== 'admin') {
    return refuse(
      'forbidden',
      `role ${actor.role} may not judge findings`,
      msg('cases.verdict.forbidden', { role: ROLE_TEXT[actor.role] }),
    );
  }
  if (input.verdict !== 'false') return undefined;
  if (!input.reason || !FALSE_REASONS.includes(input.reason)) {
    return refuse(
      'bad_request',
      `reason: a false alarm needs a reason, one of ${FALSE_REASONS.join(', ')}`,
      msg('cases.verdict.needsReason'),
    );
  }
  if (input.reason === 'other' && !input.note?.trim()) {
    return refuse(
      'bad_request',
      'note: a false alarm for "other" reasons needs a note saying why',
      msg('cases.verdict.needsNote'),
    );
  }
  return undefined;
}
