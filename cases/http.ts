/** Helpers shared by the case routes. */
import type { Context } from 'hono';
import { HttpError } from '../kernel/http/errors.ts';
import { pickLocale, type Locale } from '../kernel/messages/catalog.ts';
import { isText, msg } from '../kernel/messages/text.ts';
import type { Texts } from '../kernel/messages/texts.ts';
import type { ApiEnv, Case, CaseTimelineEntry, SessionUser } from '../kernel/types/index.ts';
import { canSee } from './access.ts';
import type { CasesModule } from './module.ts';
import type { ActResult } from './service.ts';

/** The logged-in user (the guard sets it; refuse if a mounting mistake left it unset). */
export function userOf(c: Context<ApiEnv>): SessionUser {
  const user = c.get('user') as SessionUser | undefined;
  if (!user) throw new HttpError('unauthenticated');
  return user;
}

/** A case the user may see, or 404 (a handler is not told that other units' cases exist). */
export function visibleCase(mod: CasesModule, user: SessionUser, id: string): Case {
  const found = mod.service.get(id);
  if (!found || !canSee(user, found)) throw new HttpError('not_found', { what: msg('cases.refuse.notFound', { id }) });
  return found;
}

/** The reader's language: the request's Accept-Language (the UI sends its choice), else server.locale. */
export function readerLocale(mod: CasesModule, c: Context<ApiEnv>): Locale {
  return pickLocale(c.req.header('Accept-Language'), mod.service.texts.locale);
}

/** A case as the reader sees it: a generated description rendered in their language (names, local times). */
export function caseFor(texts: Texts, k: Case, locale: Locale): Case {
  return {
    ...k,
    ...(k.descriptionText ? { description: texts.render(k.descriptionText, locale) } : {}),
    ...(k.supervised ? { supervised: { ...k.supervised, byName: actorName(texts, k.supervised.by, locale) } } : {}),
  };
}

/** Who did it, as people know them: a user's display name, 系统 for the system, an api key's name. */
export function actorName(texts: Texts, actor: string, locale: Locale): string {
  if (actor.startsWith('system:')) return texts.render(msg('cases.role.system'), locale);
  if (actor.startsWith('apikey:')) return actor.slice(7);
  return texts.name('user', actor, locale);
}

/** Timeline rows as the reader sees them: generated notes in their language, people by display name. */
export function timelineFor(texts: Texts, rows: readonly CaseTimelineEntry[], locale: Locale): CaseTimelineEntry[] {
  return rows.map((r) => {
    const note = isText(r.data?.text) ? texts.render(r.data.text, locale) : r.reason;
    return { ...r, ...(note !== undefined ? { reason: note } : {}), actorName: actorName(texts, r.actor, locale) };
  });
}

/** A refusal of the state machine in the reader's language: the field named as the UI labels it. */
export function refusalError(out: Exclude<ActResult, { ok: true }>, texts: Texts, locale: Locale): HttpError {
  const detail = texts.render(out.text, locale);
  if (out.code === 'bad_request') {
    const field = out.field === undefined ? 'body' : `body.${out.field}`;
    return new HttpError('bad_request', { detail }, [{ field, key: 'validation.plain', params: { field, detail } }]);
  }
  if (out.code === 'not_found') return new HttpError('not_found', { what: detail });
  return new HttpError(out.code, { detail });
}
