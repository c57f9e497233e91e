/**
 * Optimistic concurrency for case writes: the client sends `seen`, the case's `updatedAt` as it last saw it; if the
 * case changed since (another handler or the command centre acted), the write is refused with 409 `conflict`, saying
 * what the case is now, and the body's `current` carries the case, its timeline and the actions now allowed, so the
 * phone can show the new state at once. Without `seen` nothing is checked (the desktop board, older clients).
 */
import { HttpError } from '../kernel/http/errors.ts';
import type { Locale } from '../kernel/messages/catalog.ts';
import { at, msg } from '../kernel/messages/text.ts';
import type { Case, SessionUser } from '../kernel/types/index.ts';
import { actorOf, allowedActions } from './access.ts';
import { actorName, caseFor, timelineFor } from './http.ts';
import { STATUS_TEXT } from './machine.ts';
import type { CasesModule } from './module.ts';

export function checkSeen(
  mod: CasesModule,
  user: SessionUser,
  found: Case,
  seen: number | undefined,
  locale: Locale,
): void {
  if (seen === undefined || seen === found.updatedAt) return;
  const { texts } = mod.service;
  const rows = mod.service.timeline(found.id);
  const last = rows.at(-1);
  const detail = texts.render(
    msg('cases.conflict.changed', {
      id: found.id,
      who: last ? actorName(texts, last.actor, locale) : '—',
      when: at(found.updatedAt),
      status: STATUS_TEXT[found.status],
    }),
    locale,
  );
  const current = {
    case: caseFor(texts, found, locale),
    timeline: timelineFor(texts, rows, locale),
    actions: allowedActions(found, actorOf(user)),
  };
  throw new HttpError('conflict', { detail }, [], {}, current);
}
