/**
 * Optimistic concurrency for case writes: the client sends `seen`, the case's `updatedAt` as it last saw it; if the
 * case changed since (another handler or the command centre acted), the write is refused with 409 `conflict`, saying
 * what the case is now, and the body's `current` carries the case, its timeline and the actions now allowed, so the
 * phone can show the new state at once. Without `seen` nothing is checked (the desktop board, older clients).
 */
import { HttpError } from '../kernel/http/errors.ts';
import type { Case, SessionUser } from '../kernel/types/index.ts';
import { actorOf, allowedActions } from './access.ts';
import type { CasesModule } from './module.ts';

export function checkSeen(mod: CasesModule, user: SessionUser, found: Case, seen: number | undefined): void {
  if (seen === undefined || seen === found.updatedAt) return;
  const last = mod.service.timeline(found.id).at(-1);
  const by = last ? `${last.action} by ${last.actor}` : 'a change';
  throw new HttpError(
    'conflict',
    {
      detail:
        `case ${found.id} changed since you opened it (${by} at ${new Date(found.updatedAt).toISOString()}); ` +
        `it is now ${found.status}`,
    },
    [],
    {},
    { case: found, timeline: mod.service.timeline(found.id), actions: allowedActions(found, actorOf(user)) },
  );
}
