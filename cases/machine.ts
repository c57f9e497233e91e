/**
 * The case loop as one pure state machine: (case, command, actor, env) → the next case and its audit record, or a
 * refusal saying why. Role and state checks live only here; the store, REST, Open311 and automation all go through it.
 */
import { defaultTexts } from '../kernel/messages/texts.ts';
import { msg, ref, type Text } from '../kernel/messages/text.ts';
import type { Case, CaseAction, CaseStatus } from '../kernel/types/index.ts';
import { RULES, type ActorRole, type Rule } from './rules.ts';

export interface Actor {
  /** Username, "system:auto", "apikey:NAME". */
  readonly id: string;
  readonly role: ActorRole;
  readonly unit?: string;
  /** An inspector's grid cells. */
  readonly cells?: readonly string[];
}

/** Is the case in one of the inspector's cells? */
export function inCells(actor: Actor, c: Case): boolean {
  return c.gridCell !== undefined && actor.cells?.includes(c.gridCell) === true;
}

export interface Command {
  readonly action: CaseAction;
  /**
   * Why (reject, return, rework, suspend, extension, deny, escalate), the feedback text (handle), the evaluation
   * note, or an urge's optional note.
   */
  readonly reason?: string;
  /** Unit to dispatch to; the routed unit when omitted. */
  readonly unit?: string;
  /** A generated reason (camera re-check, verdict): rendered into `reason`, kept in the audit's `data.text`. */
  readonly text?: Text;
  /** Extension asked for, working hours. */
  readonly hours?: number;
  /** Evaluation score 1–5. */
  readonly score?: number;
}

/** Everything the machine needs from outside, passed in so it stays pure. */
export interface MachineEnv {
  readonly now: number;
  /** The case category's handling limit, working hours. */
  readonly limitHours: number;
  readonly addWorkingHours: (from: number, hours: number) => number;
  readonly workingHoursBetween: (a: number, b: number) => number;
  readonly knownUnit: (id: string) => boolean;
}

export interface Audit {
  readonly action: CaseAction;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly reason?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type Refusal = 'forbidden' | 'conflict' | 'bad_request';

export type Outcome =
  | { readonly ok: true; readonly case: Case; readonly audit: Audit }
  | {
      readonly ok: false;
      readonly code: Refusal;
      /** Why, in English (logs); `text` says it in the reader's language. */
      readonly message: string;
      readonly text: Text;
      readonly field?: string;
    };

const refuse = (code: Refusal, text: Text): Outcome => ({
  ok: false,
  code,
  text,
  message: defaultTexts.render(text, 'en'),
});
/** A bad command field: bad_request naming the field (the English message starts with it too). */
const invalid = (field: string, text: Text): Outcome => ({
  ok: false,
  code: 'bad_request',
  field,
  text,
  message: `${field}: ${defaultTexts.render(text, 'en')}`,
});
export const ACTION_TEXT = {
  register: msg('cases.action.register'),
  reject: msg('cases.action.reject'),
  dispatch: msg('cases.action.dispatch'),
  accept: msg('cases.action.accept'),
  return: msg('cases.action.return'),
  handle: msg('cases.action.handle'),
  verify: msg('cases.action.verify'),
  rework: msg('cases.action.rework'),
  'request-extension': msg('cases.action.request-extension'),
  'approve-extension': msg('cases.action.approve-extension'),
  'deny-extension': msg('cases.action.deny-extension'),
  suspend: msg('cases.action.suspend'),
  resume: msg('cases.action.resume'),
  evaluate: msg('cases.action.evaluate'),
  cancel: msg('cases.action.cancel'),
  urge: msg('cases.action.urge'),
  escalate: msg('cases.action.escalate'),
} as const satisfies Record<CaseAction, Text>;
export const STATUS_TEXT = {
  reported: msg('cases.status.reported'),
  registered: msg('cases.status.registered'),
  rejected: msg('cases.status.rejected'),
  dispatched: msg('cases.status.dispatched'),
  handling: msg('cases.status.handling'),
  handled: msg('cases.status.handled'),
  closed: msg('cases.status.closed'),
  suspended: msg('cases.status.suspended'),
  cancelled: msg('cases.status.cancelled'),
} as const satisfies Record<CaseStatus, Text>;
export const ROLE_TEXT = {
  admin: msg('cases.role.admin'),
  operator: msg('cases.role.operator'),
  handler: msg('cases.role.handler'),
  regulator: msg('cases.role.regulator'),
  inspector: msg('cases.role.inspector'),
  system: msg('cases.role.system'),
} as const satisfies Record<ActorRole, Text>;

function check(rule: Rule, c: Case, cmd: Command, actor: Actor): Outcome | undefined {
  const action = ACTION_TEXT[cmd.action];
  if (!rule.roles.includes(actor.role))
    return refuse('forbidden', msg('cases.refuse.role', { role: ROLE_TEXT[actor.role], action }));
  if (!rule.from.includes(c.status))
    return refuse('conflict', msg('cases.refuse.state', { status: STATUS_TEXT[c.status], action }));
  if (rule.ownUnit && actor.role === 'handler' && (actor.unit === undefined || actor.unit !== c.unitId)) {
    return refuse('forbidden', msg('cases.refuse.notYourUnit', { id: c.id }));
  }
  if (rule.ownCells && actor.role === 'inspector' && !inCells(actor, c)) {
    return refuse('forbidden', msg('cases.refuse.notYourCells', { id: c.id }));
  }
  for (const need of rule.needs ?? []) {
    if (need === 'reason' && !cmd.reason?.trim()) return invalid('reason', msg('cases.refuse.needsReason', { action }));
    if (need === 'hours' && !(typeof cmd.hours === 'number' && cmd.hours > 0 && cmd.hours <= 2000)) {
      return invalid('hours', msg('cases.refuse.hours'));
    }
    if (need === 'score' && !(Number.isInteger(cmd.score) && cmd.score! >= 1 && cmd.score! <= 5)) {
      return invalid('score', msg('cases.refuse.score'));
    }
  }
  return undefined;
}

type Patch = Partial<Omit<Case, 'id'>> & { readonly status?: CaseStatus };

/** The action-specific part: fields that change, plus extra audit data; or a refusal. */
function effect(
  c: Case,
  cmd: Command,
  actor: Actor,
  env: MachineEnv,
): { patch: Patch; data: Record<string, unknown> } | Outcome {
  const { now } = env;
  switch (cmd.action) {
    case 'register':
      return { patch: { registeredAt: now }, data: {} };
    case 'dispatch': {
      const unit = cmd.unit ?? c.unitId;
      if (unit === undefined) return invalid('unit', msg('cases.refuse.noUnit'));
      if (!env.knownUnit(unit)) return invalid('unit', msg('cases.refuse.unknownUnit', { unit }));
      const deadline = c.deadline ?? env.addWorkingHours(now, env.limitHours);
      return { patch: { unitId: unit, dispatchedAt: c.dispatchedAt ?? now, deadline }, data: { unit, deadline } };
    }
    case 'return':
      return { patch: { unitId: undefined, extension: undefined }, data: { unit: c.unitId } };
    case 'handle':
      return { patch: { handledAt: now, extension: undefined }, data: {} };
    case 'verify':
      return { patch: { closedAt: now }, data: {} };
    case 'rework':
      return { patch: { reworkCount: (c.reworkCount ?? 0) + 1 }, data: {} };
    case 'request-extension':
      if (c.extension) return refuse('conflict', msg('cases.refuse.extensionPending', { hours: c.extension.hours }));
      return {
        patch: { extension: { hours: cmd.hours!, reason: cmd.reason!.trim(), by: actor.id, at: now } },
        data: { hours: cmd.hours },
      };
    case 'approve-extension': {
      if (!c.extension) return refuse('conflict', msg('cases.refuse.noExtension'));
      const deadline = env.addWorkingHours(c.deadline ?? now, c.extension.hours);
      return { patch: { deadline, extension: undefined }, data: { hours: c.extension.hours, deadline } };
    }
    case 'deny-extension':
      if (!c.extension) return refuse('conflict', msg('cases.refuse.noExtension'));
      return { patch: { extension: undefined }, data: { hours: c.extension.hours } };
    case 'cancel':
      // 作废 after dispatch: the unit keeps the case (it is told through its feed and the webhooks) and stops work
      return {
        patch: { extension: undefined, suspendedFrom: undefined, suspendedAt: undefined },
        data: { unit: c.unitId },
      };
    case 'suspend':
      return { patch: { suspendedFrom: c.status, suspendedAt: now, extension: undefined }, data: {} };
    case 'resume': {
      const to = c.suspendedFrom ?? 'registered';
      const paused = env.workingHoursBetween(c.suspendedAt ?? now, now);
      const deadline = c.deadline === undefined ? undefined : env.addWorkingHours(c.deadline, paused);
      return {
        patch: { status: to, suspendedFrom: undefined, suspendedAt: undefined, deadline },
        data: { pausedHours: paused, deadline },
      };
    }
    case 'evaluate':
      return {
        patch: { evaluation: { score: cmd.score!, note: cmd.reason?.trim() || undefined, by: actor.id, at: now } },
        data: { score: cmd.score },
      };
    case 'urge':
      return { patch: {}, data: { unit: c.unitId } };
    case 'escalate':
      if (c.supervised)
        return refuse('conflict', msg('cases.refuse.supervised', { id: c.id, user: ref('user', c.supervised.by) }));
      return {
        patch: { supervised: { by: actor.id, at: now, reason: cmd.reason!.trim() } },
        data: { unit: c.unitId },
      };
    default:
      return { patch: {}, data: {} };
  }
}

export function applyAction(c: Case, cmd: Command, actor: Actor, env: MachineEnv): Outcome {
  const rule = RULES[cmd.action];
  if (!rule) return invalid('action', msg('cases.refuse.unknownAction', { action: String(cmd.action) }));
  const refused = check(rule, c, cmd, actor);
  if (refused) return refused;
  const eff = effect(c, cmd, actor, env);
  if ('ok' in eff) return eff;
  const to = eff.patch.status ?? rule.to ?? c.status;
  const next: Case = { ...c, ...eff.patch, status: to, updatedAt: env.now };
  const reason = cmd.reason?.trim() || undefined;
  return { ok: true, case: next, audit: { action: cmd.action, from: c.status, to, reason, data: eff.data } };
}
