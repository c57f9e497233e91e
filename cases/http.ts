/** Helpers shared by the case routes. */
import type { Context } from 'hono';
import { HttpError } from '../kernel/http/errors.ts';
import type { ApiEnv, Case, SessionUser } from '../kernel/types/index.ts';
import { canSee } from './access.ts';
import type { CasesModule } from './module.ts';

/** The logged-in user (the guard sets it; refuse if a mounting mistake left it unset). */
export function userOf(c: Context<ApiEnv>): SessionUser {
  const user = c.get('user') as SessionUser | undefined;
  if (!user) throw new HttpError('unauthenticated');
  return user;
}

/** A case the user may see, or 404 (a handler is not told that other units' cases exist). */
export function visibleCase(mod: CasesModule, user: SessionUser, id: string): Case {
  const found = mod.service.get(id);
  if (!found || !canSee(user, found)) throw new HttpError('not_found', { what: `case ${id}` });
  return found;
}
