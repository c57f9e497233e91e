/**
 * How API errors are worded: a port the error handler is given. The dashboard gives the UI's own message files
 * (dashboard/i18n.ts, zh-CN and English by Accept-Language); without them (a capability's routes tested alone) errors
 * carry their detail, unlocalised.
 */
import type { Config } from '../config/schema.ts';

export type Locale = Config['server']['locale'];
/** Placeholder values of a message ("{field}: {detail}"). */
export type Params = Readonly<Record<string, string | number>>;

export interface Messages {
  /** The locale a request asked for (its Accept-Language header); `dflt` when it names none supported. */
  pick(acceptLanguage: string | undefined, dflt: Locale): Locale;
  /** Does the message `key` exist? */
  has(key: string): boolean;
  /** The message `key` in `locale` with its placeholders filled. */
  tr(locale: Locale, key: string, params?: Params): string;
}

/** No message files: the request's locale is the default one, a field issue reads "field: detail" (or its key). */
export const plainMessages: Messages = {
  pick: (_header, dflt) => dflt,
  has: () => false,
  tr: (_locale, key, params = {}) => {
    const what = params.detail ?? key.replace(/^\w+\./, '');
    return params.field === undefined ? String(what) : `${params.field}: ${what}`;
  },
};
