/** Server-side messages: API errors are localised with the UI's own message files, by Accept-Language. */
import type { Context } from 'hono';
import type { Messages as MessagePort } from '../kernel/http/messages.ts';
import { pickLocale, translate, type Locale, type Params } from './web/src/i18n/format.ts';
import { MESSAGES } from './web/src/i18n/messages.ts';

export type { Locale, Params };

/** Translate `key` in `locale` (English as fallback). */
export function tr(locale: Locale, key: string, params?: Params): string {
  return translate(MESSAGES[locale], MESSAGES.en, key, params);
}

/** Does `key` exist in the message files? */
export function hasMessage(key: string): boolean {
  return key in MESSAGES.en;
}

/** The locale a request asked for (the UI sends its current choice as Accept-Language); server.locale otherwise. */
export function requestLocale(c: Context, dflt: Locale): Locale {
  return pickLocale(c.req.header('Accept-Language'), dflt);
}

/** Every message key of a locale (tests compare the files). */
export function messageKeys(locale: Locale): string[] {
  return Object.keys(MESSAGES[locale]);
}

/** The message files as the kernel error handler's port (kernel/http/messages.ts). */
export const messages: MessagePort = { pick: pickLocale, has: hasMessage, tr };
