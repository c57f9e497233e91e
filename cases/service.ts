/**
 * The case service: every change — creation, transition, attachment, note — is ONE SQLite transaction holding the
 * case row, its audit row(s) and the webhook outbox rows. Bus events go out only after the commit.
 */
import type { EventBus } from '../kernel/bus.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/log.ts';
import type { Case, CaseEvent, CaseTimelineEntry, Evidence } from '../kernel/types/index.ts';
import { buildCase, uniqueEvidence, type NewCase } from './build.ts';
import type { Catalog } from './catalog.ts';
import { applyAction, type Actor, type Command, type Outcome } from './machine.ts';
import { enqueueNotices, type Notice, type NoticeOutbox, noticesFor } from './notify/notices.ts';
import { type Inbox, inboxItems } from './inbox/inbox.ts';
import { enqueue, type WebhookTarget } from './outbox.ts';
import type { CaseRepo, NewTimelineEntry } from './repo.ts';
import { localParts } from '../kernel/time.ts';
import { defaultTexts, type Texts } from '../kernel/messages/texts.ts';
import { msg, type Text } from '../kernel/messages/text.ts';

export const SYSTEM: Actor = { id: 'system:auto', role: 'system' };

/** One audit row and the bus/webhook event that goes with it. */
interface Step {
  readonly entry: NewTimelineEntry;
  readonly event: CaseEvent;
}

function transitionStep(out: Extract<Outcome, { ok: true }>, actor: Actor): Step {
  const { case: c, audit } = out;
  const entry = { caseId: c.id, ts: c.updatedAt, actor: actor.id, role: actor.role, ...audit };
  return {
    entry,
    event: {
      type: 'transition',
      case: c,
      from: audit.from,
      to: audit.to,
      action: audit.action,
      actor: actor.id,
      reason: audit.reason,
    },
  };
}

export type ActResult =
  | Outcome
  | { readonly ok: false; readonly code: 'not_found'; readonly message: string; readonly text: Text };

export interface CreateOptions {
  /** Register (立案) at once, as the system. */
  readonly autoRegister?: boolean;
  /** Then dispatch (派遣) to the routed unit, as the system. */
  readonly autoDispatch?: boolean;
}

export interface Attachment {
  readonly ref?: string;
  readonly evidence?: readonly Evidence[];
  /** Evidence kinds to replace rather than add to (e.g. a refreshed track slice). */
  readonly replaceKinds?: readonly Evidence['kind'][];
  readonly cameraId?: string;
  readonly zoneId?: string;
  /** A generated note (a Text, rendered per reader) or a person's words. */
  readonly note?: Text | string;
}

export interface ServiceDeps {
  readonly bus?: EventBus;
  readonly clock: Clock;
  readonly log: Logger;
  readonly webhooks: readonly WebhookTarget[];
  /** Push channels (企业微信 / 钉钉 / signed webhooks) for notices to units and the command centre. */
  readonly notices?: NoticeOutbox;
  /** Renders generated texts (server.locale for what is stored; names, calendar zone). */
  readonly texts?: Texts;
  /** In-app notices per user (站内通知), written in the same transaction. */
  readonly inbox?: Inbox;
}

export class CaseService {
  private pendingEvents: CaseEvent[] = [];
  private readonly committed = new Set<() => void>();

  constructor(
    readonly repo: CaseRepo,
    readonly catalog: Catalog,
    private readonly deps: ServiceDeps,
  ) {}

  now(): number {
    return this.deps.clock.now();
  }

  get texts(): Texts {
    return this.deps.texts ?? defaultTexts;
  }

  /** A note as stored: `reason` in server.locale, and the Text itself in `data.text` to render per reader. */
  private noteFields(note: Text | string | undefined): { reason?: string; text?: Text } {
    if (note === undefined) return {};
    return typeof note === 'string' ? { reason: note } : { reason: this.texts.render(note), text: note };
  }

  /** Called after every commit that wrote events (the webhook dispatcher listens). */
  onCommitted(fn: () => void): () => void {
    this.committed.add(fn);
    return () => this.committed.delete(fn);
  }

  /** Run `fn` in one transaction; bus events recorded inside go out after it commits, and are dropped if it fails. */
  transaction<T>(fn: () => T): T {
    const outer = !this.repo.db.inTransaction;
    const mark = this.pendingEvents.length;
    let result: T;
    try {
      result = this.repo.db.transaction(fn)();
    } catch (err) {
      this.pendingEvents.length = mark;
      throw err;
    }
    if (outer) this.flush();
    return result;
  }

  get(id: string): Case | undefined {
    return this.repo.get(id);
  }

  timeline(id: string): CaseTimelineEntry[] {
    return this.repo.timeline(id);
  }

  /**
   * A new case; automatic register/dispatch are applied in memory, so the row is written once with all its audit rows.
   */
  create(input: NewCase, actor: Actor, opts: CreateOptions = {}): Case {
    return this.transaction(() => {
      const now = this.now();
      const p = localParts(now, this.catalog.timezone);
      const day = `${p.y}${String(p.m).padStart(2, '0')}${String(p.d).padStart(2, '0')}`;
      const described = input.descriptionText
        ? { ...input, description: this.texts.render(input.descriptionText) }
        : input;
      let c = buildCase(described, this.catalog, this.repo.nextId(day), now);
      const data = { source: c.source, category: c.category, grid: c.gridCell, unit: c.unitId, refs: c.sourceRefs };
      const steps: Step[] = [
        {
          entry: { caseId: c.id, ts: now, actor: actor.id, role: actor.role, action: 'created', to: 'reported', data },
          event: { type: 'created', case: c },
        },
      ];
      const auto = (cmd: Command): void => {
        const out = applyAction(c, cmd, SYSTEM, this.catalog.env(now, c.category));
        if (!out.ok) throw new Error(`automatic ${cmd.action} of ${c.id} refused: ${out.message}`);
        c = out.case;
        steps.push(transitionStep(out, SYSTEM));
      };
      if (opts.autoRegister) auto({ action: 'register' });
      const noUnit = opts.autoRegister && opts.autoDispatch && c.unitId === undefined;
      if (opts.autoRegister && opts.autoDispatch && !noUnit) auto({ action: 'dispatch' });
      this.repo.insert(c);
      for (const ref of c.sourceRefs) {
        const owner = this.repo.caseIdByRef(ref);
        if (owner !== undefined) throw new Error(`ref "${ref}" already belongs to case ${owner}`);
        this.repo.addRef(ref, c.id, now);
      }
      for (const { entry, event } of steps) this.record(entry, event);
      if (noUnit) this.addNote(c, msg('cases.note.noUnit'), SYSTEM);
      return c;
    });
  }

  act(id: string, cmd: Command, actor: Actor): ActResult {
    return this.transaction(() => {
      const c = this.repo.get(id);
      if (!c) {
        const text = msg('cases.refuse.notFound', { id });
        return { ok: false, code: 'not_found', message: `case ${id} not found`, text } as const;
      }
      const full = cmd.text ? { ...cmd, reason: this.texts.render(cmd.text) } : cmd;
      let out = applyAction(c, full, actor, this.catalog.env(this.now(), c.category));
      if (out.ok && cmd.text) out = { ...out, audit: { ...out.audit, data: { ...out.audit.data, text: cmd.text } } };
      if (out.ok) this.store(out, actor);
      return out;
    });
  }

  attach(id: string, add: Attachment, actor: Actor): Case | undefined {
    return this.transaction(() => {
      const c = this.repo.get(id);
      if (!c) return undefined;
      const now = this.now();
      const kept = add.replaceKinds ? c.evidence.filter((e) => !add.replaceKinds!.includes(e.kind)) : c.evidence;
      const next: Case = {
        ...c,
        evidence: uniqueEvidence(kept, add.evidence ?? []),
        sourceRefs: add.ref && !c.sourceRefs.includes(add.ref) ? [...c.sourceRefs, add.ref] : c.sourceRefs,
        cameraId: c.cameraId ?? add.cameraId,
        zoneId: c.cameraId === undefined ? add.zoneId : c.zoneId,
        updatedAt: now,
      };
      if (add.ref && this.repo.caseIdByRef(add.ref) === undefined) this.repo.addRef(add.ref, id, now);
      this.repo.update(next);
      const { reason, text } = this.noteFields(add.note);
      const data = { ref: add.ref, evidence: (add.evidence ?? []).map((e) => e.path), ...(text ? { text } : {}) };
      const entry = { caseId: id, ts: now, actor: actor.id, role: actor.role, action: 'attached', reason, data };
      this.record(entry, { type: 'attached', case: next, ref: add.ref ?? '' });
      return next;
    });
  }

  note(id: string, text: Text | string, actor: Actor): Case | undefined {
    return this.transaction(() => {
      const c = this.repo.get(id);
      if (!c) return undefined;
      this.addNote(c, text, actor);
      return c;
    });
  }

  private addNote(c: Case, note: Text | string, actor: Actor): void {
    const { reason = '', text } = this.noteFields(note);
    const entry = {
      caseId: c.id,
      ts: this.now(),
      actor: actor.id,
      role: actor.role,
      action: 'note',
      reason,
      ...(text ? { data: { text } } : {}),
    };
    this.record(entry, { type: 'note', case: c, note: reason, actor: actor.id });
  }

  private store(out: Extract<Outcome, { ok: true }>, actor: Actor): void {
    this.repo.update(out.case);
    const { entry, event } = transitionStep(out, actor);
    this.record(entry, event);
  }

  private record(entry: NewTimelineEntry, event: CaseEvent, notices: readonly Notice[] = noticesFor(event)): number {
    const seq = this.repo.appendEvent(entry);
    enqueue(this.repo.db, this.deps.webhooks, event, seq, entry.ts);
    if (this.deps.notices && notices.length > 0)
      enqueueNotices(this.repo.db, this.deps.notices, notices, seq, entry.ts);
    this.deps.inbox?.write(inboxItems(event, notices), entry.ts);
    this.pendingEvents.push(event);
    return seq;
  }

  /**
   * A deadline reminder (due soon / overdue): one timeline row (action "notice") and its pushes, once per case, kind
   * and deadline (an extended deadline is reminded again). False when already sent or the case is gone.
   */
  remind(id: string, kind: 'due-soon' | 'overdue', deadline: number): boolean {
    return this.transaction(() => {
      const c = this.repo.get(id);
      if (!c || c.deadline !== deadline) return false;
      const now = this.now();
      const fresh = this.repo
        .stmt(
          'INSERT INTO case_notices (case_id, kind, deadline, at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (case_id, kind, deadline) DO NOTHING',
        )
        .run(id, kind, deadline, now);
      if (fresh.changes === 0) return false;
      const entry = {
        caseId: id,
        ts: now,
        actor: SYSTEM.id,
        role: SYSTEM.role,
        action: 'notice',
        data: { notice: kind },
      };
      this.record(entry, { type: 'note', case: c, note: kind, actor: SYSTEM.id }, [{ kind, case: c }]);
      return true;
    });
  }

  private flush(): void {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const e of events) this.deps.bus?.emit('case', e);
    if (events.length > 0) this.deps.inbox?.publish();
    if (events.length > 0) for (const fn of this.committed) fn();
  }
}
