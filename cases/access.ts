/** Which actions a user may take on a case now (for the UI's buttons), and which cases a user may see. */
import type { Case, CaseAction, SessionUser } from '../kernel/types/index.ts';
import { type Actor, inCells } from './machine.ts';
import { ACTIONS, RULES } from './rules.ts';

export function actorOf(user: SessionUser): Actor {
  return {
    id: user.username,
    role: user.role,
    ...(user.unit ? { unit: user.unit } : {}),
    ...(user.cells ? { cells: user.cells } : {}),
  };
}

/** Handlers see the cases of their own unit, inspectors those in their grid cells; every other role sees all. */
export function canSee(user: SessionUser, c: Case): boolean {
  if (user.role === 'inspector') return inCells(actorOf(user), c);
  return user.role !== 'handler' || (user.unit !== undefined && c.unitId === user.unit);
}

export function allowedActions(c: Case, actor: Actor): { readonly action: CaseAction; readonly label: string }[] {
  return ACTIONS.filter((a) => {
    const r = RULES[a];
    if (!r.roles.includes(actor.role) || !r.from.includes(c.status)) return false;
    if (r.ownUnit && actor.role === 'handler' && actor.unit !== c.unitId) return false;
    if (r.ownCells && actor.role === 'inspector' && !inCells(actor, c)) return false;
    if (a === 'request-extension') return c.extension === undefined;
    if (a === 'escalate') return c.supervised === undefined;
    if (a === 'approve-extension' || a === 'deny-extension') return c.extension !== undefined;
    return true;
  }).map((a) => ({ action: a, label: RULES[a].label }));
}
