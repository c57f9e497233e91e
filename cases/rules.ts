/** Who may do what to a case in which state: the one table the state machine reads. */
import type { CaseAction, CaseStatus, Role } from '../kernel/types/index.ts';

/** A person's role, or the system acting on its own (automatic cases, camera verification). */
export type ActorRole = Role | 'system';

export type Needs = 'reason' | 'hours' | 'score';

export interface Rule {
  readonly label: string;
  readonly from: readonly CaseStatus[];
  /** Target status; undefined = unchanged (resume goes back to where the case was suspended from). */
  readonly to?: CaseStatus;
  readonly roles: readonly ActorRole[];
  /** A handler may act only on cases dispatched to their own unit. */
  readonly ownUnit?: boolean;
  /** An inspector may act only on cases in their own grid cells. */
  readonly ownCells?: boolean;
  readonly needs?: readonly Needs[];
}

const centre: readonly ActorRole[] = ['operator', 'admin'];
const unit: readonly ActorRole[] = ['handler', 'admin'];
/** 核查: the command centre, the camera re-check, and an inspector on site (in their own cells). */
const checkers: readonly ActorRole[] = [...centre, 'system', 'inspector'];
const active: readonly CaseStatus[] = ['dispatched', 'handling'];

export const RULES: Readonly<Record<CaseAction, Rule>> = {
  register: { label: '立案', from: ['reported'], to: 'registered', roles: [...centre, 'system'] },
  reject: { label: '不予立案', from: ['reported', 'registered'], to: 'rejected', roles: centre, needs: ['reason'] },
  dispatch: { label: '派遣', from: ['registered'], to: 'dispatched', roles: [...centre, 'system'] },
  accept: { label: '签收处置', from: ['dispatched'], to: 'handling', roles: unit, ownUnit: true },
  return: { label: '回退', from: active, to: 'registered', roles: unit, ownUnit: true, needs: ['reason'] },
  handle: { label: '处置反馈', from: ['handling'], to: 'handled', roles: unit, ownUnit: true, needs: ['reason'] },
  verify: { label: '核查结案', from: ['handled'], to: 'closed', roles: checkers, ownCells: true, needs: ['reason'] },
  rework: { label: '返工', from: ['handled'], to: 'handling', roles: checkers, ownCells: true, needs: ['reason'] },
  'request-extension': { label: '延期申请', from: active, roles: unit, ownUnit: true, needs: ['reason', 'hours'] },
  'approve-extension': { label: '延期批准', from: active, roles: centre },
  'deny-extension': { label: '延期驳回', from: active, roles: centre, needs: ['reason'] },
  suspend: {
    label: '挂账',
    from: ['registered', 'dispatched', 'handling'],
    to: 'suspended',
    roles: centre,
    needs: ['reason'],
  },
  resume: { label: '恢复', from: ['suspended'], roles: centre },
  cancel: {
    label: '作废',
    from: ['dispatched', 'handling', 'handled', 'suspended'],
    to: 'cancelled',
    roles: centre,
    needs: ['reason'],
  },
  evaluate: { label: '综合评价', from: ['closed'], roles: ['regulator', 'admin'], needs: ['score'] },
  urge: { label: '催办', from: active, roles: centre },
  escalate: { label: '督办', from: active, roles: ['admin'], needs: ['reason'] },
};

export const ACTIONS = Object.keys(RULES) as CaseAction[];

export const STATUSES: readonly CaseStatus[] = [
  'reported',
  'registered',
  'rejected',
  'dispatched',
  'handling',
  'handled',
  'closed',
  'suspended',
  'cancelled',
];

/** Statuses a case never leaves (the loop is over). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'cancelled'];

export const OPEN_STATUSES: readonly CaseStatus[] = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export function isAction(s: string): s is CaseAction {
  return Object.hasOwn(RULES, s);
}
